/// The inbox's only script: live updates over the WebSocket (`/admin/ws`; a poll every minute while it is closed), the
/// composer via fetch, and the macro picker.
///
/// Everything it inserts is HTML the server rendered with this module (`AdminPages.inboxMessage`), so the script never
/// builds markup from data itself. Without JavaScript the inbox still works: forms post and the server redirects back.
enum InboxScript {
    static let source = HTML.trusted(
        #"""
        (() => {
          const root = document.getElementById('inbox');
          if (!root) return;
          const csrf = document.querySelector('meta[name="csrf-token"]')?.content || '';
          const current = root.dataset.conversationId || '';
          const thread = document.getElementById('thread');
          const form = document.getElementById('composer');
          const scrollDown = () => { if (thread) thread.scrollTop = thread.scrollHeight; };
          scrollDown();

          // Adds one server-rendered message, once: it can arrive from the composer's answer and from the socket.
          const append = (html) => {
            if (!thread) return;
            const t = document.createElement('template');
            t.innerHTML = html.trim();
            const el = t.content.firstElementChild;
            if (!el || (el.id && document.getElementById(el.id))) return;
            thread.querySelector('.placeholder')?.remove();
            thread.appendChild(el);
            scrollDown();
          };

          // Re-reads this page and swaps the parts that change; the server does all formatting (SLA timers, times).
          let refreshing = false;
          const refresh = async () => {
            if (refreshing) return;
            refreshing = true;
            try {
              const res = await fetch(location.href, { credentials: 'same-origin', headers: { Accept: 'text/html' } });
              if (!res.ok) return;
              const doc = new DOMParser().parseFromString(await res.text(), 'text/html');
              for (const id of ['status-tabs', 'conv-list', 'thread-meta']) {
                const fresh = doc.getElementById(id), old = document.getElementById(id);
                if (fresh && old) old.replaceWith(fresh);
              }
              doc.querySelectorAll('#thread > .msg').forEach((m) => append(m.outerHTML));
            } finally { refreshing = false; }
          };

          // Live while the socket is open; the minute's poll below covers the time it is closed.
          let live = false, dropped = false;
          const connect = (delay) => {
            const url = new URL(root.dataset.wsUrl, location.href);
            if (url.protocol === 'http:' || url.protocol === 'https:') url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
            let ws;
            try { ws = new WebSocket(url); } catch { return; }
            ws.onopen = () => { delay = 1000; };
            ws.onmessage = (event) => {
              let frame;
              try { frame = JSON.parse(event.data); } catch { return; }
              // The server has the socket in its hub: changes are pushed from now on.
              if (frame.type === 'ready') {
                live = true;
                root.dataset.live = '1';
                // What changed while the socket was down was not pushed: read it once.
                if (dropped) refresh();
              }
              if (frame.type === 'message' && frame.conversation_id === current && typeof frame.html === 'string') append(frame.html);
              if (frame.type === 'message' || frame.type === 'refresh') refresh();
            };
            // Reconnect with backoff (1 s, 2 s, … 30 s) after a deploy or a network change.
            ws.onclose = () => {
              live = false;
              dropped = true;
              delete root.dataset.live;
              setTimeout(() => connect(Math.min(delay * 2, 30000)), delay);
            };
          };
          if (root.dataset.wsUrl) connect(1000);
          setInterval(() => { if (!live) refresh(); }, 60000);

          form?.addEventListener('submit', async (event) => {
            event.preventDefault();
            const data = new URLSearchParams(new FormData(form, event.submitter));
            if (!String(data.get('body') || '').trim()) return;
            const error = form.querySelector('.send-error');
            form.querySelectorAll('button').forEach((b) => { b.disabled = true; });
            try {
              const res = await fetch(form.action, {
                method: 'POST', body: data, credentials: 'same-origin',
                headers: { 'X-CSRF-Token': csrf, Accept: 'text/html' },
              });
              if (!res.ok) throw new Error(String(res.status));
              const html = await res.text();
              if (html.trim().startsWith('<')) append(html);
              form.querySelector('textarea').value = '';
              if (error) error.hidden = true;
            } catch {
              if (error) error.hidden = false;
            } finally {
              form.querySelectorAll('button').forEach((b) => { b.disabled = false; });
            }
          });
          form?.querySelector('textarea')?.addEventListener('keydown', (event) => {
            if (event.key === 'Enter' && (event.metaKey || event.ctrlKey)) form.requestSubmit();
          });

          document.getElementById('macro')?.addEventListener('change', (event) => {
            const option = event.target.selectedOptions[0];
            const box = form?.querySelector('textarea');
            if (box && option?.dataset.body) {
              box.value = box.value ? box.value + '\n' + option.dataset.body : option.dataset.body;
              box.focus();
            }
            event.target.value = '';
          });
        })();
        """#
    )
}
