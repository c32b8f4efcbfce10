using System.Runtime.InteropServices;

namespace CreditRisk.Core.Features;

/// <summary>
/// The merchant-mix index (normalised entropy of purchase counts per merchant category) of two consecutive windows,
/// for <see cref="FeatureNames.MerchantMixIndex30d"/> and <see cref="FeatureNames.MerchantMixChangePct30d"/>.
/// Counts go into a per-thread tally, so computing a vector allocates nothing after warm-up.
/// </summary>
internal static class MerchantMix
{
    private static readonly double MixNormaliser = Math.Log(FeatureEngine.MerchantMixReferenceCategories);

    [ThreadStatic]
    private static CategoryTally? t_categoryTally;

    /// <summary>Merchant-mix index of the current window [currentFrom, to] and of the previous one [from, currentFrom), in one pass.</summary>
    public static (double? Current, double? Previous) Indexes(
        ReadOnlySpan<DailyActivity> days, DateOnly from, DateOnly currentFrom, DateOnly to)
    {
        var tally = t_categoryTally ??= new CategoryTally();
        int total0 = 0, total1 = 0;
        foreach (ref readonly var day in days)
        {
            if (day.Day < from || day.Day > to || day.MerchantCategoryCounts.Count == 0)
            {
                continue;
            }

            var window = day.Day >= currentFrom ? 0 : 1;
            foreach (var (category, count) in day.MerchantCategoryCounts)
            {
                tally.Add(category, window, count);
                if (window == 0)
                {
                    total0 += count;
                }
                else
                {
                    total1 += count;
                }
            }
        }

        var result = (tally.Index(0, total0), tally.Index(1, total1));
        tally.Reset();
        return result;
    }

    /// <summary>
    /// Per-thread category counts for two windows. Four-digit codes (every ISO 18245 code) index an array directly, so
    /// the hot path hashes no strings; anything else gets a slot through a dictionary.
    /// </summary>
    private sealed class CategoryTally
    {
        private const int Codes = 10_000;

        private readonly Dictionary<string, int> _otherSlots = new(StringComparer.Ordinal);
        private int[] _counts = new int[2 * (Codes + 16)];
        private int[] _touched = new int[64];
        private int _touchedCount;

        public void Add(string category, int window, int count)
        {
            var code = ParseCode(category);
            if (code < 0)
            {
                ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_otherSlots, category, out var exists);
                if (!exists)
                {
                    slot = Codes + _otherSlots.Count - 1;
                    if (2 * (slot + 1) > _counts.Length)
                    {
                        Array.Resize(ref _counts, _counts.Length * 2);
                    }
                }

                code = slot;
            }

            if (_counts[2 * code] == 0 && _counts[(2 * code) + 1] == 0)
            {
                if (_touchedCount == _touched.Length)
                {
                    Array.Resize(ref _touched, _touched.Length * 2);
                }

                _touched[_touchedCount++] = code;
            }

            _counts[(2 * code) + window] += count;
        }

        /// <summary>Normalised entropy of one window's counts; null when the window had no categorised purchase.</summary>
        public double? Index(int window, int total)
        {
            if (total == 0)
            {
                return null;
            }

            double entropy = 0;
            for (var i = 0; i < _touchedCount; i++)
            {
                var count = _counts[(2 * _touched[i]) + window];
                if (count > 0)
                {
                    var p = (double)count / total;
                    entropy -= p * Math.Log(p);
                }
            }

            return Math.Min(1d, entropy / MixNormaliser);
        }

        public void Reset()
        {
            for (var i = 0; i < _touchedCount; i++)
            {
                _counts[2 * _touched[i]] = 0;
                _counts[(2 * _touched[i]) + 1] = 0;
            }

            _touchedCount = 0;
            _otherSlots.Clear();
        }

        private static int ParseCode(string category)
        {
            if (category.Length != 4)
            {
                return -1;
            }

            var code = 0;
            foreach (var c in category)
            {
                if (!char.IsAsciiDigit(c))
                {
                    return -1;
                }

                code = (code * 10) + (c - '0');
            }

            return code;
        }
    }
}
