using System.Text.Json.Serialization;

namespace CreditRisk.Core.EarlyWarning;

/// <summary>A share (0–1) at the two flag levels.</summary>
public sealed record ByLevel(double MediumOrHigher, double High);

/// <summary>A figure at the two flag levels; null where no customer qualified.</summary>
public sealed record NullableByLevel(double? MediumOrHigher, double? High);

/// <summary>The measures of <see cref="EarlyWarningMeasures"/> over one set of bands.</summary>
public sealed record EarlyWarningFigures
{
    public required int Customers { get; init; }

    /// <summary>Customers with a first 30+ DPD date.</summary>
    public required int DelinquentCustomers { get; init; }

    public required int NeverDelinquentCustomers { get; init; }

    /// <summary>Share of delinquent customers first flagged at least the lead (30 days) before their 30+ DPD date.</summary>
    public required ByLevel FlaggedAhead { get; init; }

    /// <summary>Share of delinquent customers flagged at any time before their 30+ DPD date.</summary>
    public required ByLevel FlaggedBefore { get; init; }

    /// <summary>Share of delinquent customers whose band in force at the lead (30 days) before their 30+ DPD date was at the level.</summary>
    public required ByLevel FlaggedAtLeadDay { get; init; }

    /// <summary>Median days from the first flag to the 30+ DPD date, over delinquent customers flagged before it.</summary>
    public required NullableByLevel MedianLeadDays { get; init; }

    /// <summary>Share of never-delinquent customers ever flagged at the level.</summary>
    public required ByLevel FalseAlarmRate { get; init; }

    /// <summary>Escalations into High (one pending alert each).</summary>
    public required long Alerts { get; init; }

    [JsonPropertyName("alerts_per_1000_customers_per_month")]
    public required double AlertsPer1000CustomersPerMonth { get; init; }

    /// <summary>Share of all assessments at the level: the average share of the portfolio flagged at any moment.</summary>
    public required ByLevel AssessmentShare { get; init; }

    /// <summary>The delinquent customers with at least 90 days of history before their 30+ DPD date.</summary>
    public required DelinquentSubset WithHistory { get; init; }
}

/// <summary>Lead-time figures over a subset of the delinquent customers.</summary>
public sealed record DelinquentSubset
{
    public required int DelinquentCustomers { get; init; }

    public required ByLevel FlaggedAhead { get; init; }

    public required ByLevel FlaggedAtLeadDay { get; init; }

    public required NullableByLevel MedianLeadDays { get; init; }
}
