namespace CreditRisk.Core.Simulation;

/// <summary>
/// Phone numbers in the North American 555-0100…555-0199 block, which is reserved for fictional use in every area
/// code: demo data must never page a real person, and the app can send WhatsApp messages to these numbers.
/// </summary>
internal static class FictionalPhoneNumbers
{
    private static readonly int[] AreaCodes = BuildAreaCodes();

    /// <summary>How many distinct numbers exist (100 per area code); customer numbers repeat beyond this many customers.</summary>
    public static int Capacity => AreaCodes.Length * 100;

    /// <summary>E.164 number for the customer at <paramref name="index"/> (0-based), distinct for indices below <see cref="Capacity"/>.</summary>
    public static string For(int index)
    {
        // A multiplicative permutation spreads consecutive customers over area codes instead of filling one at a time.
        var slot = (int)((long)(index % Capacity) * Stride % Capacity);
        var areaCode = AreaCodes[slot / 100];
        var line = 100 + slot % 100;
        return $"+1{areaCode}5550{line}";
    }

    // 7919 is prime and does not divide the capacity, so the permutation above is a bijection.
    private const long Stride = 7919;

    private static int[] BuildAreaCodes()
    {
        var codes = new List<int>();
        for (var code = 201; code <= 989; code++)
        {
            var middle = code / 10 % 10;
            var last = code % 10;
            var isServiceCode = middle == 1 && last == 1; // N11 codes are not area codes
            if (middle == 9 || isServiceCode || code / 10 == 37 || code / 10 == 96 || code == 555)
            {
                continue;
            }

            codes.Add(code);
        }

        return [.. codes];
    }
}
