import Foundation
import ReboundAdmin

/// Deterministic sample models: the figures are plausible for a mid-sized shop and repeat exactly on every run.
enum Samples {
    /// 2025-11-26 14:05:00 UTC.
    static let now = Date(timeIntervalSince1970: 1_764_165_900)
    static let day = 86_400.0

    static func context(_ section: AdminSection, locale: AdminLocale = .en, range: Bool = true) -> AdminContext {
        let format = AdminFormat(locale: locale, currency: "EUR", timeZone: TimeZone(identifier: "Europe/Berlin")!)
        return AdminContext(
            shopName: "Nordlicht Outdoor",
            agentName: "Mara Jensen",
            agentEmail: "mara@nordlicht.example",
            csrfToken: "csrf-TOKEN-123",
            section: section,
            format: format,
            now: now,
            cspNonce: "n0nce",
            dateRange: range
                ? DateRangeSelection(from: now - 29 * day, to: now, presetDays: 30, compare: true, action: "/admin/\(section.pathComponent)")
                : nil,
            inboxBadge: 7
        )
    }

    /// A repeatable wobble in 0…1 (no randomness in tests).
    static func wave(_ i: Int, _ seed: Int) -> Double {
        let x = sin(Double(i * 7 + seed * 13) * 0.9) * 0.5 + sin(Double(i + seed) * 0.37) * 0.5
        return (x + 1) / 2
    }

    static var days: [Date] { (0..<30).map { now - Double(29 - $0) * day } }

    static func dashboard(locale: AdminLocale = .en) -> DashboardViewModel {
        let abandonedDaily = (0..<30).map { 38 + Int(wave($0, 1) * 22) }
        let recoveredDaily = abandonedDaily.enumerated().map { Int(Double($1) * (0.11 + wave($0, 2) * 0.06)) }
        let abandoned = abandonedDaily.reduce(0, +), recovered = recoveredDaily.reduce(0, +)
        let created = Int(Double(abandoned) / 0.712)
        let range = "?from=2025-10-28&to=2025-11-26"
        return DashboardViewModel(
            context: context(.dashboard, locale: locale),
            days: days,
            kpis: DashboardKPIs(
                abandonedCarts: PeriodFigure(current: abandoned, previous: abandoned + 61, daily: abandonedDaily),
                abandonmentRate: PeriodFigure(
                    current: Proportion(abandoned, of: created),
                    previous: Proportion(abandoned + 61, of: created + 20),
                    daily: abandonedDaily.map { Proportion($0, of: Int(Double($0) / 0.712)) }
                ),
                recoveredCarts: PeriodFigure(current: recovered, previous: recovered - 31, daily: recoveredDaily),
                recoveryRate: PeriodFigure(current: Proportion(recovered, of: abandoned), previous: Proportion(recovered - 31, of: abandoned + 61)),
                recoveredRevenue: PeriodFigure(
                    current: Int64(recovered) * 8_450,
                    previous: Int64(recovered - 31) * 8_120,
                    daily: recoveredDaily.map { Int64($0) * 8_450 }
                ),
                revenuePerRecipient: PeriodFigure(current: 1_183, previous: 954, daily: (0..<30).map { 900 + Int64(wave($0, 3) * 500) }),
                source: DataSource(apiPath: "/v1/metrics/summary" + range)
            ),
            abandonment: AbandonmentBreakdown(
                byDevice: [
                    AbandonmentSlice(label: "Mobile", rate: Proportion(1_012, of: 1_297)),
                    AbandonmentSlice(label: "Desktop", rate: Proportion(402, of: 623)),
                    AbandonmentSlice(label: "Tablet", rate: Proportion(91, of: 131)),
                ],
                byCategory: [
                    AbandonmentSlice(label: "Tents & shelters", rate: Proportion(388, of: 482)),
                    AbandonmentSlice(label: "Jackets", rate: Proportion(502, of: 701)),
                    AbandonmentSlice(label: "Footwear", rate: Proportion(301, of: 455)),
                    AbandonmentSlice(label: "Camp kitchen", rate: Proportion(143, of: 240)),
                    AbandonmentSlice(label: "Snacks & energy", rate: Proportion(71, of: 173)),
                ],
                source: DataSource(apiPath: "/v1/metrics/abandonment" + range)
            ),
            funnel: FunnelFigures(
                current: FunnelCounts(viewed: 48_210, carted: 2_051, checkout: 1_134, ordered: 592),
                previous: FunnelCounts(viewed: 45_870, carted: 1_998, checkout: 1_041, ordered: 521),
                source: DataSource(apiPath: "/v1/metrics/funnel" + range)
            ),
            flowSteps: FlowStepReport(
                rows: [
                    FlowStepRow(
                        flowName: "Cart recovery",
                        step: 1,
                        stepLabel: "Email · 1 h",
                        channel: "email",
                        sent: 1_310,
                        opened: 602,
                        clicked: 298,
                        recovered: 96,
                        revenue: 812_400
                    ),
                    FlowStepRow(
                        flowName: "Cart recovery",
                        step: 2,
                        stepLabel: "SMS · 3 h",
                        channel: "sms",
                        sent: 402,
                        opened: 0,
                        clicked: 71,
                        recovered: 29,
                        revenue: 231_900
                    ),
                    FlowStepRow(
                        flowName: "Cart recovery",
                        step: 3,
                        stepLabel: "Email · 24 h, reviews",
                        channel: "email",
                        sent: 1_021,
                        opened: 418,
                        clicked: 183,
                        recovered: 51,
                        revenue: 401_250
                    ),
                    FlowStepRow(
                        flowName: "Cart recovery",
                        step: 4,
                        stepLabel: "Email · 72 h, 10 % off",
                        channel: "email",
                        sent: 866,
                        opened: 301,
                        clicked: 149,
                        recovered: 38,
                        revenue: 287_010
                    ),
                    FlowStepRow(
                        flowName: "VIP carts > €500",
                        step: 1,
                        stepLabel: "Agent task",
                        channel: "task",
                        sent: 14,
                        opened: 0,
                        clicked: 0,
                        recovered: 6,
                        revenue: 402_300
                    ),
                ],
                source: DataSource(apiPath: "/v1/metrics/flow-steps" + range)
            ),
            chat: ChatEngagementFigures(
                engagement: Proportion(186, of: 2_051),
                conversionWithChat: Proportion(58, of: 186),
                conversionWithoutChat: Proportion(534, of: 1_865),
                source: DataSource(apiPath: "/v1/metrics/chat" + range)
            ),
            support: SupportReport(
                channels: [
                    ChannelServiceRow(
                        channel: "chat",
                        conversations: 412,
                        firstResponseMedian: 74,
                        firstResponseP90: 210,
                        firstResponseTarget: 120,
                        resolutionMedian: 1_260,
                        slaMet: Proportion(371, of: 412)
                    ),
                    ChannelServiceRow(
                        channel: "email",
                        conversations: 288,
                        firstResponseMedian: 5_400,
                        firstResponseP90: 14_100,
                        firstResponseTarget: 7_200,
                        resolutionMedian: 52_000,
                        slaMet: Proportion(231, of: 288)
                    ),
                    ChannelServiceRow(
                        channel: "sms",
                        conversations: 57,
                        firstResponseMedian: 1_900,
                        firstResponseP90: 4_000,
                        firstResponseTarget: 3_600,
                        resolutionMedian: 7_300,
                        slaMet: Proportion(49, of: 57)
                    ),
                    ChannelServiceRow(
                        channel: "social",
                        conversations: 64,
                        firstResponseMedian: 4_020,
                        firstResponseP90: 9_900,
                        firstResponseTarget: 3_600,
                        resolutionMedian: 96_000,
                        slaMet: Proportion(38, of: 64)
                    ),
                ],
                slaCompliance: Proportion(689, of: 821),
                deflection: Proportion(377, of: 1_012),
                source: DataSource(apiPath: "/v1/metrics/support" + range)
            ),
            satisfaction: SatisfactionReport(
                csatDaily: (0..<30).map { $0 % 9 == 4 ? nil : 4.1 + wave($0, 4) * 0.8 },
                csatPreviousDaily: (0..<30).map { 4.0 + wave($0, 5) * 0.7 },
                csat: 4.52,
                csatResponses: 318,
                npsDaily: (0..<30).map { 28 + wave($0, 6) * 40 },
                npsPreviousDaily: (0..<30).map { 20 + wave($0, 7) * 35 },
                nps: 44,
                npsResponses: 127,
                source: DataSource(apiPath: "/v1/metrics/satisfaction" + range)
            ),
            ticketVolume: TicketVolumeReport(
                categories: [
                    TicketCategorySeries(name: "Where is my order", daily: (0..<30).map { 6 + Int(wave($0, 8) * 8) }),
                    TicketCategorySeries(name: "Shipping & duties", daily: (0..<30).map { 3 + Int(wave($0, 9) * 6) }),
                    TicketCategorySeries(name: "Sizes & stock", daily: (0..<30).map { 2 + Int(wave($0, 10) * 5) }),
                    TicketCategorySeries(name: "Returns", daily: (0..<30).map { 2 + Int(wave($0, 11) * 4) }),
                    TicketCategorySeries(name: "Payment", daily: (0..<30).map { Int(wave($0, 12) * 3) }),
                ],
                source: DataSource(apiPath: "/v1/metrics/tickets" + range)
            ),
            upsell: UpsellReport(
                placements: [
                    UpsellPlacementRow(placement: "Cart add-ons", shown: 1_980, accepted: 311, revenue: 498_300),
                    UpsellPlacementRow(placement: "Bought together", shown: 6_420, accepted: 402, revenue: 921_700),
                    UpsellPlacementRow(placement: "Thank-you offer", shown: 592, accepted: 71, revenue: 201_400),
                    UpsellPlacementRow(placement: "Free-shipping gap", shown: 844, accepted: 233, revenue: 187_450),
                    UpsellPlacementRow(placement: "Upgrade suggestion", shown: 410, accepted: 22, revenue: 139_000),
                ],
                source: DataSource(apiPath: "/v1/metrics/upsell" + range)
            )
        )
    }
}
