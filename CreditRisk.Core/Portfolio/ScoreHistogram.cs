namespace CreditRisk.Core.Portfolio;

/// <summary>
/// Current scores in equal-width bins from 0 to <see cref="Top"/>, each split by the band the customers are in now
/// (the combined band: a customer at a low score can be High on a hard fact or a confirmed rule). When
/// <see cref="Top"/> is below 1 the last bin also holds every score above it.
/// </summary>
public sealed record ScoreHistogram(double Top, IReadOnlyList<ScoreBin> Bins)
{
    public static ScoreHistogram Empty { get; } = new(1, []);

    /// <summary>Whether the last bin holds the scores above <see cref="Top"/> too (labelled "&gt; 19%").</summary>
    public bool LastBinOpen => Top < 1;
}

/// <summary>Customers with a current score in (<paramref name="From"/>, <paramref name="To"/>] by band; the first bin includes 0.</summary>
public sealed record ScoreBin(double From, double To, long Low, long Medium, long High)
{
    public long Count => Low + Medium + High;
}
