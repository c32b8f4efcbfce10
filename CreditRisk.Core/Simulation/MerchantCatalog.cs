namespace CreditRisk.Core.Simulation;

/// <summary>The categories, channels and merchant ids the simulator uses. Amounts are sized like an Indian card portfolio (INR).</summary>
internal static class MerchantCatalog
{
    public const string AtmMcc = "6011";
    public const string Pos = "pos";
    public const string Ecommerce = "ecommerce";
    public const string Contactless = "contactless";
    public const string Atm = "atm";

    private static readonly string[] PurchaseChannels = [Pos, Ecommerce, Contactless];

    /// <summary>Everyday purchase categories (channel weights: pos, ecommerce, contactless).</summary>
    public static readonly MerchantCategory[] Everyday =
    [
        new("5411", SpendKind.Essential, 22, 1_100, 0.75, [0.45, 0.20, 0.35], 18, 1.15, 1.10, 400),       // grocery, supermarkets
        new("5541", SpendKind.Essential, 11, 1_200, 0.45, [0.60, 0.00, 0.40], 10, 1.05, 1.10, 250, 100),  // fuel
        new("5912", SpendKind.Essential, 5, 550, 0.75, [0.55, 0.15, 0.30], 17, 1.00, 1.00, 200),          // pharmacy
        new("4121", SpendKind.Essential, 7, 280, 0.60, [0.00, 1.00, 0.00], 9, 1.10, 1.20, 6),             // taxi, ride hailing
        new("5812", SpendKind.Discretionary, 11, 850, 0.70, [0.45, 0.25, 0.30], 20, 1.20, 1.35, 500),     // restaurants
        new("5814", SpendKind.Discretionary, 8, 320, 0.55, [0.20, 0.35, 0.45], 13, 1.10, 1.20, 300),      // fast food
        new("5999", SpendKind.Discretionary, 6, 1_400, 0.95, [0.40, 0.60, 0.00], 15, 1.30, 1.25, 600),    // misc retail, marketplaces
        new("5311", SpendKind.Discretionary, 5, 2_300, 0.80, [0.70, 0.30, 0.00], 17, 1.70, 1.40, 80),     // department stores
        new("5691", SpendKind.Discretionary, 5, 1_900, 0.70, [0.50, 0.50, 0.00], 17, 1.90, 1.40, 250),    // clothing
        new("5977", SpendKind.Discretionary, 2, 950, 0.70, [0.50, 0.50, 0.00], 16, 1.40, 1.20, 120),      // cosmetics
        new("7832", SpendKind.Discretionary, 2, 650, 0.50, [0.30, 0.70, 0.00], 19, 1.30, 1.30, 40),       // cinema
        new("5732", SpendKind.Discretionary, 1.5, 5_500, 1.00, [0.50, 0.50, 0.00], 16, 2.60, 1.50, 150),  // electronics
        new("5944", SpendKind.Discretionary, 0.6, 14_000, 0.90, [0.90, 0.10, 0.00], 16, 4.00, 1.30, 80),  // jewellery (festival gold)
        new("8062", SpendKind.Essential, 0.5, 7_000, 1.00, [0.85, 0.15, 0.00], 12, 1.00, 1.00, 60),       // hospitals
        new("4511", SpendKind.Travel, 1.2, 6_500, 0.60, [0.00, 1.00, 0.00], 11, 1.40, 2.50, 12),          // airlines
        new("7011", SpendKind.Travel, 1.2, 4_800, 0.80, [0.30, 0.70, 0.00], 14, 1.40, 2.50, 300),         // hotels
    ];

    /// <summary>Merchant pools of the monthly bills: telecom operators, utilities, streaming and cable.</summary>
    public static readonly IReadOnlyDictionary<string, int> BillPools = new Dictionary<string, int>
    {
        ["4814"] = 4,
        ["4900"] = 40,
        ["4899"] = 8,
    };

    public const int AtmPool = 2_000;

    // Ids are interned once: millions of transactions share a few thousand merchant ids.
    private static readonly Dictionary<string, string[]> MerchantIds = BuildMerchantIds();

    public static string ChannelFor(MerchantCategory category, SimulationRandom random) =>
        PurchaseChannels[random.Pick(category.Channels)];

    /// <summary>Merchant id such as <c>M5411-0042</c>.</summary>
    public static string MerchantId(string mcc, int index) => MerchantIds[mcc][index];

    private static Dictionary<string, string[]> BuildMerchantIds()
    {
        var pools = Everyday.Select(c => (c.Mcc, c.MerchantPool))
            .Concat(BillPools.Select(p => (Mcc: p.Key, MerchantPool: p.Value)))
            .Append((Mcc: AtmMcc, MerchantPool: AtmPool));
        return pools.ToDictionary(p => p.Mcc, p => Enumerable.Range(0, p.MerchantPool).Select(i => $"M{p.Mcc}-{i:D4}").ToArray());
    }
}
