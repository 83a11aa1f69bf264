/// The admin's one stylesheet, inlined into every page: no CDN, no extra request, works offline and behind strict CSPs
/// (with the page nonce).
enum AdminStylesheet {
    static let css = HTML.trusted(base + layout + components + charts + inbox)

    /// Colours, type and form controls. System fonts: nothing to download, and it looks native on every OS.
    static let base = """
        :root{--bg:#f5f6f8;--surface:#fff;--text:#1d2433;--muted:#667085;--faint:#98a2b3;--line:#e4e7ec;--line-strong:#d0d5dd;\
        --accent:#4f46e5;--accent-soft:#eef2ff;--accent-ink:#3730a3;--good:#0e9f6e;--good-soft:#e7f6ef;--warn:#b54708;--warn-soft:#fef4e6;\
        --bad:#d92d20;--bad-soft:#fdeceb;--top:#067647;--radius:10px;--shadow:0 1px 2px rgba(16,24,40,.06);\
        --c0:#4f46e5;--c1:#0ea5a4;--c2:#f59e0b;--c3:#e11d48;--c4:#0284c7;--c5:#8b5cf6;--c6:#65a30d;--c7:#64748b;\
        font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;font-size:15px;line-height:1.45;color:var(--text);background:var(--bg)}
        *{box-sizing:border-box}body{margin:0;min-height:100vh}
        a{color:var(--accent);text-decoration:none}a:hover{text-decoration:underline}
        h1{font-size:1.45rem;margin:0;font-weight:650;letter-spacing:-.01em}h2{font-size:1.05rem;margin:0;font-weight:620}h3{font-size:.92rem;margin:0;font-weight:600}
        small,.muted{color:var(--muted)}.num{text-align:right;font-variant-numeric:tabular-nums}
        .skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;z-index:10;background:#fff;padding:6px 10px;border-radius:6px}
        input,select,textarea,button{font:inherit;color:inherit}
        input[type=text],input[type=email],input[type=password],input[type=search],input[type=date],input[type=number],select,textarea{\
        border:1px solid var(--line-strong);border-radius:8px;padding:7px 10px;background:#fff;min-height:36px}
        textarea{width:100%;resize:vertical}
        input:focus-visible,select:focus-visible,textarea:focus-visible,button:focus-visible,a:focus-visible{outline:2px solid var(--accent);outline-offset:2px}
        button,.button{display:inline-flex;align-items:center;gap:6px;border-radius:8px;padding:7px 14px;border:1px solid var(--line-strong);\
        background:#fff;cursor:pointer;font-weight:550;min-height:36px;white-space:nowrap;color:var(--text)}
        button:hover,.button:hover{background:#f9fafb;text-decoration:none}
        button.primary,.button.primary{background:var(--accent);border-color:var(--accent);color:#fff}button.primary:hover,.button.primary:hover{background:var(--accent-ink)}
        button.ghost{border-color:transparent;background:transparent;padding:6px 8px}button.danger{color:var(--bad)}
        button.small,.button.small{padding:4px 10px;min-height:30px;font-size:.85rem}
        .icon{width:18px;height:18px;fill:none;stroke:currentColor;stroke-width:1.8;stroke-linecap:round;stroke-linejoin:round;flex:none}

        """

    /// Top bar, side navigation, page header and the period form.
    static let layout = """
        .topbar{display:flex;align-items:center;gap:14px;height:56px;padding:0 20px;background:#fff;border-bottom:1px solid var(--line);position:sticky;top:0;z-index:5}
        .brand{display:flex;align-items:center;gap:8px;font-weight:700;color:var(--text);font-size:1.05rem}
        .logo{width:22px;height:22px;border-radius:50%;background:conic-gradient(var(--accent) 0 75%,#a5b4fc 75% 100%);display:inline-block}
        .shop{color:var(--muted);padding-left:14px;border-left:1px solid var(--line);font-weight:550}.spacer{flex:1}
        .whoami{display:flex;align-items:center;gap:10px}.agent-name{display:flex;flex-direction:column;line-height:1.15;font-weight:550}
        .agent-name small{font-weight:400;font-size:.78rem}.avatar{width:32px;height:32px;border-radius:50%;background:var(--accent-soft);\
        color:var(--accent-ink);display:grid;place-items:center;font-weight:700;font-size:.8rem}.logout{margin:0}
        .frame{display:grid;grid-template-columns:210px minmax(0,1fr);min-height:calc(100vh - 56px)}
        .sidenav{padding:14px 10px;border-right:1px solid var(--line);background:#fbfbfc;display:flex;flex-direction:column;gap:2px}
        .sidenav a{display:flex;align-items:center;gap:10px;padding:8px 12px;border-radius:8px;color:#344054;font-weight:520}
        .sidenav a:hover{background:#f0f1f4;text-decoration:none}.sidenav a[aria-current=page]{background:var(--accent-soft);color:var(--accent-ink)}
        .sidenav .badge{margin-left:auto}
        main{padding:22px 28px 48px;max-width:1320px;width:100%;min-width:0}main.wide{max-width:none;padding:0}
        .page-head{display:flex;align-items:center;gap:12px;justify-content:space-between;margin-bottom:14px;flex-wrap:wrap}
        main.wide .page-head{padding:14px 20px 0;margin-bottom:10px}.page-actions{display:flex;gap:8px;flex-wrap:wrap}
        .period{display:flex;flex-wrap:wrap;align-items:center;gap:10px 14px;background:#fff;border:1px solid var(--line);border-radius:var(--radius);\
        padding:10px 14px;margin-bottom:18px;box-shadow:var(--shadow)}
        .period label{display:flex;align-items:center;gap:6px;color:var(--muted);font-size:.88rem}.period .check{color:var(--text)}
        .presets{display:flex;gap:0;border:1px solid var(--line-strong);border-radius:8px;overflow:hidden}
        .pill{border:0;border-radius:0;border-right:1px solid var(--line-strong);min-height:34px;padding:6px 12px;font-weight:520}
        .pill:last-child{border-right:0}.pill[aria-pressed=true]{background:var(--accent-soft);color:var(--accent-ink)}
        .notice{padding:10px 14px;border-radius:8px;margin-bottom:16px;border:1px solid var(--line);background:#fff}
        .notice.success{background:var(--good-soft);border-color:#abefc6}.notice.error{background:var(--bad-soft);border-color:#fecdca}
        .notice.warning{background:var(--warn-soft);border-color:#fedf89}
        @media (max-width:900px){.frame{grid-template-columns:1fr}.sidenav{flex-direction:row;overflow-x:auto;border-right:0;border-bottom:1px solid var(--line);padding:6px}\
        .sidenav a span{white-space:nowrap}main{padding:16px}.shop{display:none}.agent-name{display:none}}

        """

    /// Cards, KPI tiles, tables, badges, forms.
    static let components = """
        .section{margin-top:26px}.section-head{display:flex;align-items:baseline;gap:12px;margin-bottom:10px;flex-wrap:wrap}
        .section-head .source{margin-left:auto;font-size:.8rem;color:var(--faint)}.source code{font-size:.78rem;background:#f2f4f7;padding:1px 6px;border-radius:4px;color:var(--muted)}
        .cards{display:grid;gap:16px;grid-template-columns:repeat(auto-fit,minmax(min(320px,100%),1fr))}.cards.two{grid-template-columns:repeat(auto-fit,minmax(min(420px,100%),1fr))}
        .card{background:var(--surface);border:1px solid var(--line);border-radius:var(--radius);padding:16px 18px;box-shadow:var(--shadow);min-width:0}
        .card>h3,.card>.card-head{margin-bottom:10px}.card-head{display:flex;align-items:baseline;gap:10px}.card-head .muted{font-size:.84rem}.card-head .csv{margin-left:auto}
        .kpis{display:grid;gap:14px;grid-template-columns:repeat(3,minmax(0,1fr))}@media (max-width:1100px){.kpis{grid-template-columns:repeat(2,minmax(0,1fr))}}\
        @media (max-width:620px){.kpis{grid-template-columns:1fr}}.kpi .sub{font-size:.84rem}.table-foot{margin:8px 0 0;display:flex}
        .funnel-layout{display:grid;grid-template-columns:minmax(0,1fr) 240px;gap:28px;align-items:center}.funnel-layout .split{grid-template-columns:1fr;gap:14px}
        @media (max-width:900px){.funnel-layout{grid-template-columns:1fr}}.headline{margin:0 0 6px}.headline strong{font-size:1.3rem}
        .kpi{background:#fff;border:1px solid var(--line);border-radius:var(--radius);padding:14px 16px 10px;box-shadow:var(--shadow);display:flex;flex-direction:column;gap:4px;min-width:0}
        .kpi .label{color:var(--muted);font-size:.84rem;font-weight:550}.kpi .value{font-size:1.6rem;font-weight:680;letter-spacing:-.02em;font-variant-numeric:tabular-nums}
        .kpi .foot{display:flex;align-items:center;justify-content:space-between;gap:8px;min-height:32px}
        .delta{font-size:.82rem;font-weight:600;padding:1px 7px;border-radius:999px;background:#f2f4f7;color:var(--muted);white-space:nowrap}
        .delta.good{background:var(--good-soft);color:var(--good)}.delta.bad{background:var(--bad-soft);color:var(--bad)}
        .delta small{font-weight:450;color:inherit;opacity:.8}
        .kpi .gauge{margin-top:2px}.kpi .gauge-caption{font-size:.76rem}
        .table-wrap{overflow-x:auto}.table-head{display:flex;align-items:baseline;gap:10px;margin-bottom:6px}.table-head h3{font-size:.88rem}
        .table-head .csv,.csv{margin-left:auto;font-size:.78rem;font-weight:600;border:1px solid var(--line-strong);border-radius:6px;padding:1px 7px;color:var(--muted)}
        table{border-collapse:collapse;width:100%;font-size:.9rem}th{font-weight:600;color:var(--muted);text-align:left;font-size:.8rem;\
        text-transform:uppercase;letter-spacing:.03em;border-bottom:1px solid var(--line);padding:8px 10px;white-space:nowrap}
        td{border-bottom:1px solid #f0f1f3;padding:8px 10px;vertical-align:middle}td .icon{vertical-align:-4px;color:var(--muted)}tbody tr:hover{background:#fafbfc}
        th.num{text-align:right}td.empty{color:var(--muted);text-align:center;padding:22px}
        .card .table-wrap+.table-wrap{margin-top:14px}
        .badge{display:inline-flex;align-items:center;gap:4px;font-size:.74rem;font-weight:650;padding:1px 8px;border-radius:999px;\
        background:#f2f4f7;color:#344054;white-space:nowrap;line-height:1.5}
        .badge.count{background:var(--accent);color:#fff}.badge.vip{background:#fef0c7;color:#93370d}.badge.good{background:var(--good-soft);color:var(--good)}
        .badge.warn{background:var(--warn-soft);color:var(--warn)}.badge.bad{background:var(--bad-soft);color:var(--bad)}.badge.info{background:var(--accent-soft);color:var(--accent-ink)}
        .ref{font-size:.74rem;color:var(--faint);font-weight:450;display:block;text-transform:none;letter-spacing:0}
        .dot-status{display:inline-block;width:8px;height:8px;border-radius:50%;margin-right:6px;background:var(--faint);vertical-align:middle}
        .dot-status.poor{background:var(--bad)}.dot-status.fair{background:#f79009}.dot-status.good{background:var(--good)}.dot-status.top{background:var(--top)}
        .split{display:grid;grid-template-columns:repeat(auto-fit,minmax(160px,1fr));gap:12px}.stat .label{color:var(--muted);font-size:.82rem}
        .stat .value{font-size:1.25rem;font-weight:650;font-variant-numeric:tabular-nums}
        .field{display:flex;flex-direction:column;gap:5px;margin-bottom:14px}.field label,.field .label{font-weight:560;font-size:.88rem}
        .field .hint{font-size:.8rem;color:var(--muted)}.field .error,.error-text{color:var(--bad);font-size:.84rem}
        .toolbar{display:flex;gap:10px;align-items:center;flex-wrap:wrap;margin-bottom:14px}.toolbar input[type=search]{min-width:260px}
        .pager{display:flex;justify-content:flex-end;gap:8px;margin-top:12px}
        dl.facts{display:grid;grid-template-columns:auto 1fr;gap:6px 16px;margin:0;font-size:.9rem}dl.facts dt{color:var(--muted)}dl.facts dd{margin:0;font-weight:550}
        .timeline{list-style:none;margin:0;padding:0}.timeline li{display:grid;grid-template-columns:110px 1fr;gap:12px;padding:8px 0;border-bottom:1px solid #f0f1f3;font-size:.9rem}
        .timeline time{color:var(--muted);font-size:.82rem}.tags{display:flex;gap:6px;flex-wrap:wrap}
        .rules .rule{display:grid;grid-template-columns:1fr 1fr 1.3fr auto;gap:8px;align-items:start;margin-bottom:8px}
        .rules .rule .error-text{grid-column:1/-1}
        .auth{min-height:100vh;display:grid;place-items:center;padding:24px;background:linear-gradient(180deg,#eef2ff 0,var(--bg) 60%)}
        .auth-card{background:#fff;border:1px solid var(--line);border-radius:14px;box-shadow:0 10px 30px rgba(16,24,40,.08);padding:30px 32px;width:100%;max-width:400px}
        .auth-card .brand{margin-bottom:18px}.auth-card h1{margin-bottom:4px}.auth-card p{margin:0 0 18px;color:var(--muted)}
        .auth-card input{width:100%}.auth-card button{width:100%;justify-content:center;margin-top:6px}
        .problem-status{font-size:.82rem;font-weight:700;color:var(--muted);letter-spacing:.06em;text-transform:uppercase}
        .problem-art{width:56px;height:56px;border-radius:50%;display:grid;place-items:center;background:var(--warn-soft);color:var(--warn);margin-bottom:14px}
        .problem-art .icon{width:28px;height:28px}
        .visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
        .hours-day{display:flex;gap:8px;align-items:center;margin:4px 0}.hours-day span{width:6.5em}
        .row-actions{display:flex;gap:6px;justify-content:flex-end}[aria-invalid=true]{border-color:var(--bad)!important}
        .spaced{margin-top:14px}ul.plain{margin:0;padding-left:18px;font-size:.9rem}.form-actions{display:flex;gap:8px;margin-top:8px}form.inline{margin-top:14px}
        .segment-editor{max-width:860px}.segment-editor fieldset{border:0;padding:0;margin:0 0 14px}.segment-editor legend{margin-bottom:10px}
        .hints{font-size:.85rem;color:var(--muted);margin-bottom:12px}.hints ul{margin:6px 0;padding-left:18px}
        .experiment+.experiment{margin-top:16px}.experiment .card-head{flex-wrap:wrap}.experiment .rule{margin:10px 0 0}
        .experiment td small{display:block}.intro{margin:-4px 0 12px;font-size:.9rem}

        """

    /// Chart colours and text. Charts draw with classes so that every chart shares one palette.
    static let charts = """
        .chart{margin:0;min-width:0}.chart-svg{width:100%;height:auto;display:block;overflow:visible}
        .chart text{font-size:13px;fill:#475467}.chart .tick{fill:#8a94a6;font-size:12px}.chart .label{fill:#344054;font-size:13.5px}
        .chart .value{font-weight:600;fill:#344054;paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round}.gridline{stroke:#eef0f3;stroke-width:1}.axis{stroke:#d0d5dd;stroke-width:1}
        .line{fill:none;stroke-width:2.4;stroke-linejoin:round;stroke-linecap:round}.line.s-current{stroke:var(--accent)}
        .line.s-previous{stroke:#a4acb9;stroke-dasharray:5 4;stroke-width:1.8}.dot{fill:#fff;stroke:var(--accent);stroke-width:2}
        .target{stroke:var(--good);stroke-dasharray:2 3;stroke-width:1.5}.reference{stroke:#344054;stroke-dasharray:3 3;stroke-width:1.2}
        .chart .reference-label{font-size:11px;fill:#475467}.bar{fill:var(--accent);opacity:.88}.bar:hover{opacity:1}
        .funnel-bar{fill:var(--accent)}.funnel-neck{fill:#e0e7ff}.chart .conversion{fill:var(--accent-ink);font-weight:600;font-size:12px}
        .chart .empty,.gauge .empty{fill:#98a2b3;font-size:13px}.empty-bg{fill:#fafbfc;stroke:#eef0f3}
        .c0{fill:var(--c0)}.c1{fill:var(--c1)}.c2{fill:var(--c2)}.c3{fill:var(--c3)}.c4{fill:var(--c4)}.c5{fill:var(--c5)}.c6{fill:var(--c6)}.c7{fill:var(--c7)}
        .legend{display:flex;flex-wrap:wrap;gap:6px 14px;font-size:.8rem;color:var(--muted);margin-top:6px}.key{display:inline-flex;align-items:center;gap:6px}
        .key i{display:inline-block;width:14px;height:10px;border-radius:3px;background:var(--c7)}
        .key.s-current i{background:var(--accent);height:3px}.key.s-previous i{height:0;border-top:2px dashed #a4acb9;background:none}
        .key.s-target i{height:0;border-top:2px dotted var(--good);background:none}
        .key.c0 i{background:var(--c0)}.key.c1 i{background:var(--c1)}.key.c2 i{background:var(--c2)}.key.c3 i{background:var(--c3)}\
        .key.c4 i{background:var(--c4)}.key.c5 i{background:var(--c5)}.key.c6 i{background:var(--c6)}.key.c7 i{background:var(--c7)}
        .chart-data{margin-top:6px;font-size:.82rem}.chart-data summary{color:var(--faint);cursor:pointer;width:max-content}.chart-data .table-head{display:none}
        .spark{width:120px;height:32px;overflow:visible}.spark polyline{fill:none;stroke:var(--accent);stroke-width:1.8;stroke-linejoin:round}.spark circle{fill:var(--accent)}
        .gauge-svg{width:100%;max-width:360px;height:auto;display:block;overflow:visible}.gauge text{font-size:11px;fill:#8a94a6}
        .band.poor{fill:#fde2e0}.band.fair{fill:#fdebc8}.band.good{fill:#c9efdc}.band.top{fill:#8fdcb6}
        .marker{stroke:#101828;stroke-width:2.5}.gauge .marker-label{fill:#101828;font-weight:700;font-size:12px}
        .gauge-caption{margin:2px 0 0;font-size:.82rem;display:flex;gap:8px;flex-wrap:wrap}.verdict{font-weight:650}
        .verdict.poor{color:var(--bad)}.verdict.fair{color:var(--warn)}.verdict.good{color:var(--good)}.verdict.top{color:var(--top)}
        .interval{width:220px;height:28px;display:block}.interval .zero{stroke:#667085;stroke-width:1.2}.interval .ci{fill:#d0d5dd}.interval .estimate{fill:#475467}
        .interval.up .ci{fill:#a6e3c5}.interval.up .estimate{fill:var(--good)}.interval.down .ci{fill:#fbc7c2}.interval.down .estimate{fill:var(--bad)}

        """

    /// The three-column inbox.
    static let inbox = """
        .inbox{display:grid;grid-template-columns:310px minmax(0,1fr) 290px;height:calc(100vh - 56px - 54px);border-top:1px solid var(--line)}
        .conv-pane{border-right:1px solid var(--line);display:flex;flex-direction:column;min-height:0;background:#fff}
        .status-tabs{display:flex;gap:0;padding:8px 6px;border-bottom:1px solid var(--line);overflow-x:auto}
        .inbox-filters{display:flex;gap:6px;padding:8px 8px 4px}.inbox-filters input[type=search]{flex:1;min-width:0}
        .presence-form{display:flex;gap:6px;align-items:center;padding:0 8px 6px}.sla-deadlines{gap:6px;flex-wrap:wrap}
        .status-tabs a{padding:4px 8px;border-radius:7px;color:#344054;font-size:.84rem;font-weight:550;white-space:nowrap}.status-tabs a[aria-current=page]{background:var(--accent-soft);color:var(--accent-ink)}
        .status-tabs a:hover{text-decoration:none;background:#f2f4f7}.status-tabs .n{color:var(--faint);margin-left:3px;font-weight:500}
        .conv-list{list-style:none;margin:0;padding:0;overflow-y:auto;flex:1}
        .conv a{display:grid;grid-template-columns:22px 1fr auto;gap:2px 10px;padding:11px 14px;border-bottom:1px solid #f0f1f3;color:var(--text)}
        .conv a:hover{background:#fafbfc;text-decoration:none}.conv[aria-current=true] a{background:var(--accent-soft)}
        .conv .icon{grid-row:1/3;color:var(--muted);margin-top:2px}.conv .who{font-weight:600;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
        .conv .when{font-size:.78rem;color:var(--faint);white-space:nowrap}.conv .preview{grid-column:2/4;font-size:.85rem;color:var(--muted);\
        overflow:hidden;text-overflow:ellipsis;white-space:nowrap}.conv .meta{grid-column:2/4;display:flex;gap:6px;margin-top:4px;flex-wrap:wrap}
        .conv.unread .who::after{content:"";display:inline-block;width:8px;height:8px;border-radius:50%;background:var(--accent);margin-left:6px;vertical-align:middle}
        .conv.unread .preview{color:var(--text)}
        .thread-pane{display:flex;flex-direction:column;min-height:0;background:var(--bg)}
        .thread-head{display:flex;align-items:center;gap:10px;padding:10px 18px;background:#fff;border-bottom:1px solid var(--line);flex-wrap:wrap}
        .thread-head h2{font-size:1rem}.thread-head form{display:flex;gap:6px;align-items:center;margin:0}.thread-head .status-form{margin-left:auto}
        .thread{flex:1;overflow-y:auto;padding:18px 22px;display:flex;flex-direction:column;gap:12px}
        .msg{max-width:72%;padding:9px 13px;border-radius:14px;background:#fff;border:1px solid var(--line);box-shadow:var(--shadow)}
        .msg .by{font-size:.76rem;color:var(--muted);margin-bottom:2px;display:flex;gap:8px}.msg .body{white-space:normal;overflow-wrap:anywhere}
        .msg.shopper{align-self:flex-start;border-bottom-left-radius:4px}
        .msg.agent{align-self:flex-end;background:var(--accent);border-color:var(--accent);color:#fff;border-bottom-right-radius:4px}.msg.agent .by{color:#e0e7ff}
        .msg.bot{align-self:flex-end;background:#f0fdf9;border-color:#b2eadb;border-bottom-right-radius:4px}
        .msg.note{align-self:stretch;max-width:none;background:#fffaeb;border:1px dashed #f5c26b;border-radius:8px}
        .msg-img{display:block;margin-top:6px}.msg-img img{display:block;max-width:240px;max-height:240px;border-radius:8px}
        .thread .day{align-self:center;font-size:.75rem;color:var(--faint)}
        .composer{background:#fff;border-top:1px solid var(--line);padding:10px 16px 12px}
        .composer .row{display:flex;gap:8px;align-items:center;margin-top:8px;flex-wrap:wrap}.composer .row .spacer{flex:1}
        .composer textarea{min-height:70px}.composer select{max-width:200px;min-height:32px;padding:4px 8px}.composer .kind{display:flex;gap:12px;font-size:.86rem}
        .side-pane{border-left:1px solid var(--line);background:#fff;overflow-y:auto;padding:16px}
        .side-pane section{padding-bottom:14px;margin-bottom:14px;border-bottom:1px solid #f0f1f3}.side-pane h3{margin-bottom:8px}
        .side-pane .person{font-size:1.05rem;font-weight:650}.side-pane section>.muted{font-size:.86rem}.cart-lines{list-style:none;margin:0;padding:0;font-size:.88rem}
        .cart-lines li{display:flex;justify-content:space-between;gap:8px;padding:4px 0}.cart-total{display:flex;justify-content:space-between;font-weight:700;border-top:1px solid var(--line);padding-top:6px;margin-top:4px}
        .thread-head.sub{padding:6px 18px;gap:8px 18px;font-size:.88rem}.thread-head.sub input{width:170px}.thread-head.sub form{gap:8px}.thread-head.sub select,.thread-head.sub input{min-height:30px;padding:3px 8px}
        .composer:has(input[value=note]:checked) textarea{background:#fffaeb;border-color:#f5c26b}
        .conv-list .placeholder{height:auto}.side-pane .facts{font-size:.86rem}
        .placeholder{display:grid;place-items:center;color:var(--muted);height:100%;padding:40px;text-align:center}
        @media (max-width:1200px){.inbox{grid-template-columns:300px minmax(0,1fr)}.side-pane{display:none}}
        @media (max-width:760px){.inbox{grid-template-columns:1fr;height:auto}.conv-pane{max-height:40vh}}

        """
}
