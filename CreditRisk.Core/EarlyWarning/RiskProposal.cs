using System.Globalization;
using System.Text.Json;
using CreditRisk.Core.Rules;
using CreditRisk.Core.Scoring.Evaluation;
using CreditRisk.Core.Scoring.Cutoffs;

namespace CreditRisk.Core.EarlyWarning;

/// <summary>
/// A change to try before saving it: rule settings to replay instead of those stored, and/or model cut-offs to band
/// with instead of those the pipeline uses. A null part keeps what is in force.
/// </summary>
/// <param name="Rules">Every rule setting as proposed (the whole record, not a difference); null keeps the stored ones.</param>
/// <param name="Cutoffs">Model cut-offs as proposed; null keeps the cut-offs the pipeline uses.</param>
public sealed record RiskProposal(RuleSettings? Rules, BandCutoffs? Cutoffs)
{
    /// <summary>Field names in errors and JSON: the web defaults' camelCase, as the proposal file and the stored rules use.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Field-named errors (<c>rules.utilisationHighPct</c>, <c>cutoffs.highFrom</c>, … → messages); empty when valid.
    /// Rules are checked by <see cref="RuleSettings.Validate"/>; cut-offs need 0 ≤ mediumFrom &lt; highFrom ≤ 1.
    /// </summary>
    public IReadOnlyDictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (Rules is not null)
        {
            foreach (var (member, messages) in Rules.Validate())
            {
                errors[FieldName("rules", member)] = messages;
            }
        }

        if (Cutoffs is { } c)
        {
            if (!IsProbability(c.MediumFrom))
            {
                errors["cutoffs.mediumFrom"] = [$"Must be between 0 and 1, not {Format(c.MediumFrom)}."];
            }

            if (!IsProbability(c.HighFrom))
            {
                errors["cutoffs.highFrom"] = [$"Must be between 0 and 1, not {Format(c.HighFrom)}."];
            }
            else if (IsProbability(c.MediumFrom) && c.HighFrom <= c.MediumFrom)
            {
                errors["cutoffs.highFrom"] = [$"Must be above mediumFrom ({Format(c.MediumFrom)}), not {Format(c.HighFrom)}."];
            }
        }

        return errors;
    }

    /// <summary>
    /// What the proposal changes against <paramref name="rules"/> and <paramref name="cutoffs"/> in force, one entry per
    /// changed setting in the Rules page's words ("High utilisation, utilisation above: 90% → 95%", "Model cut-offs
    /// (Medium from / High from): 10.0% / 30.0% → 15.0% / 40.0%"); empty when it changes nothing.
    /// </summary>
    public IReadOnlyList<string> Describe(RuleSettings rules, BandCutoffs cutoffs)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(cutoffs);
        var changes = new List<string>();
        if (Rules is not null)
        {
            changes.AddRange(RuleSettingChanges.Describe(rules, Rules));
        }

        if (Cutoffs is { } proposed && proposed != cutoffs)
        {
            changes.Add($"Model cut-offs (Medium from / High from): {AsPercent(cutoffs)} → {AsPercent(proposed)}");
        }

        return changes;
    }

    /// <summary>"10.0% / 27.65%": cut-offs as every page writes them (<see cref="CutoffPercent"/>).</summary>
    public static string AsPercent(BandCutoffs cutoffs)
    {
        ArgumentNullException.ThrowIfNull(cutoffs);
        return $"{CutoffPercent.Of(cutoffs.MediumFrom)} / {CutoffPercent.Of(cutoffs.HighFrom)}";
    }

    internal static string FieldName(string part, string member) =>
        member.Length == 0 ? part : $"{part}.{JsonNamingPolicy.CamelCase.ConvertName(member)}";

    private static bool IsProbability(double value) => value is >= 0 and <= 1;

    private static string Format(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
