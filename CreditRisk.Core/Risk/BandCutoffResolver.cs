using CreditRisk.Core.Scoring;
using CreditRisk.Core.Scoring.Cutoffs;
using CreditRisk.Core.Scoring.Evaluation;

namespace CreditRisk.Core.Risk;

/// <summary>Where the cut-offs in force come from.</summary>
public enum CutoffOrigin
{
    /// <summary><c>Banding:MediumFrom</c> and <c>Banding:HighFrom</c> are set.</summary>
    Pinned,

    /// <summary>The model's own, chosen from the alert budget when it was trained.</summary>
    Model,

    /// <summary>The legacy 0.10 / 0.30: nothing pinned, and no model or one trained before cut-offs were stored.</summary>
    LegacyDefaults,
}

/// <summary>The cut-offs in force and where they come from.</summary>
public sealed record EffectiveCutoffs(BandCutoffs Cutoffs, CutoffOrigin Origin);

/// <summary>
/// The one place that decides which band cut-offs are in force, for the pipeline, the early-warning replay, evaluation
/// and the pages: cut-offs pinned by configuration, else the model's stored ones (the champion brings its cut-offs),
/// else the legacy defaults (<see cref="BudgetCutoffChooser.Legacy"/>).
/// </summary>
public static class BandCutoffResolver
{
    public static EffectiveCutoffs Resolve(BandingOptions options, IRiskModel? model) => Resolve(options, model?.StoredCutoffs);

    /// <summary>As <see cref="Resolve(BandingOptions, IRiskModel?)"/> for a registry entry (its stored cut-offs).</summary>
    public static EffectiveCutoffs Resolve(BandingOptions options, ModelVersion? version) =>
        Resolve(options, version?.Cutoffs?.ToBandCutoffs());

    /// <summary>
    /// The model's band of <paramref name="probability"/> under the cut-offs in force; the same precedence as
    /// <see cref="Resolve(BandingOptions, IRiskModel?)"/> without allocating (it runs once per assessment).
    /// </summary>
    public static RiskBand BandOf(double probability, BandingOptions options, IRiskModel? model)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.MediumFrom is { } medium && options.HighFrom is { } high)
        {
            return probability >= high ? RiskBand.High : probability >= medium ? RiskBand.Medium : RiskBand.Low;
        }

        return (model?.StoredCutoffs ?? BudgetCutoffChooser.Legacy).BandOf(probability);
    }

    private static EffectiveCutoffs Resolve(BandingOptions options, BandCutoffs? stored)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Pinned is { } pinned ? new EffectiveCutoffs(pinned, CutoffOrigin.Pinned)
            : stored is not null ? new EffectiveCutoffs(stored, CutoffOrigin.Model)
            : new EffectiveCutoffs(BudgetCutoffChooser.Legacy, CutoffOrigin.LegacyDefaults);
    }
}
