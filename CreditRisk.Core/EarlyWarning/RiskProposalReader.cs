using System.Text.Json;
using System.Text.Json.Nodes;
using CreditRisk.Core.Rules;
using CreditRisk.Core.Scoring.Evaluation;

namespace CreditRisk.Core.EarlyWarning;

/// <summary>
/// Reads a proposal written as JSON — <c>{"rules": {...}, "cutoffs": {"mediumFrom": 0.1, "highFrom": 0.3}}</c>, either
/// part optional — with the field names of <see cref="RuleSettings"/> in camelCase (System.Text.Json web defaults,
/// as the stored rules). <c>rules</c> lists only the settings that change: the others keep the values in force.
/// </summary>
public static class RiskProposalReader
{
    private const string RulesPart = "rules";
    private const string CutoffsPart = "cutoffs";

    /// <summary>Parses and validates <paramref name="json"/>; the problem names the field at fault.</summary>
    /// <param name="json">The proposal.</param>
    /// <param name="current">The rule settings in force, which <c>rules</c> is laid over.</param>
    /// <param name="proposal">The proposal, valid; null when there is a problem.</param>
    /// <param name="problem">What is wrong, starting with the field (<c>rules.utilisationHighPct: …</c>); null when valid.</param>
    public static bool TryParse(string json, RuleSettings current, out RiskProposal? proposal, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(current);
        proposal = null;
        try
        {
            problem = Read(json, current, out proposal);
        }
        catch (JsonException e)
        {
            problem = Describe(e);
        }

        if (problem is null && proposal!.Validate() is { Count: > 0 } errors)
        {
            problem = string.Join(" ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"));
        }

        if (problem is not null)
        {
            proposal = null;
            return false;
        }

        return true;
    }

    private static string? Read(string json, RuleSettings current, out RiskProposal? proposal)
    {
        proposal = null;
        if (JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })
            is not JsonObject root)
        {
            return "the proposal must be a JSON object with \"rules\" and/or \"cutoffs\".";
        }

        RuleSettings? rules = null;
        BandCutoffs? cutoffs = null;
        foreach (var (name, value) in root)
        {
            if (string.Equals(name, RulesPart, StringComparison.OrdinalIgnoreCase))
            {
                if (ReadRules(value, current, out rules) is { } problem)
                {
                    return problem;
                }
            }
            else if (string.Equals(name, CutoffsPart, StringComparison.OrdinalIgnoreCase))
            {
                if (ReadCutoffs(value, out cutoffs) is { } problem)
                {
                    return problem;
                }
            }
            else
            {
                return $"'{name}' is not part of a proposal (expected \"rules\" and/or \"cutoffs\").";
            }
        }

        if (rules is null && cutoffs is null)
        {
            return "the proposal changes nothing: give \"rules\" and/or \"cutoffs\".";
        }

        proposal = new RiskProposal(rules, cutoffs);
        return null;
    }

    /// <summary>The settings in force with the given fields replaced; a field they do not have is an error, not ignored.</summary>
    private static string? ReadRules(JsonNode? value, RuleSettings current, out RuleSettings? rules)
    {
        rules = null;
        if (value is not JsonObject given)
        {
            return $"{RulesPart}: must be an object of rule settings.";
        }

        var merged = JsonSerializer.SerializeToNode(current, RiskProposal.Json)!.AsObject();
        foreach (var (name, field) in given)
        {
            var known = merged.Select(p => p.Key).FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase));
            if (known is null)
            {
                return $"{RulesPart}.{name}: not a rule setting (known: {string.Join(", ", merged.Select(p => p.Key))}).";
            }

            merged[known] = field?.DeepClone();
        }

        try
        {
            rules = merged.Deserialize<RuleSettings>(RiskProposal.Json);
        }
        catch (JsonException e)
        {
            return $"{RulesPart}.{Describe(e)}";
        }

        return rules is null ? $"{RulesPart}: must be an object of rule settings." : null;
    }

    private static string? ReadCutoffs(JsonNode? value, out BandCutoffs? cutoffs)
    {
        cutoffs = null;
        if (value is not JsonObject given)
        {
            return $"{CutoffsPart}: must be an object with \"mediumFrom\" and \"highFrom\".";
        }

        double? medium = null, high = null;
        foreach (var (name, field) in given)
        {
            var isMedium = string.Equals(name, nameof(BandCutoffs.MediumFrom), StringComparison.OrdinalIgnoreCase);
            if (!isMedium && !string.Equals(name, nameof(BandCutoffs.HighFrom), StringComparison.OrdinalIgnoreCase))
            {
                return $"{CutoffsPart}.{name}: not a cut-off (expected \"mediumFrom\" and \"highFrom\").";
            }

            var fieldName = $"{CutoffsPart}.{(isMedium ? "mediumFrom" : "highFrom")}";
            if (field is not JsonValue number || !number.TryGetValue<double>(out var probability))
            {
                return $"{fieldName}: must be a number between 0 and 1.";
            }

            if (isMedium)
            {
                medium = probability;
            }
            else
            {
                high = probability;
            }
        }

        if (medium is null || high is null)
        {
            return $"{CutoffsPart}.{(medium is null ? "mediumFrom" : "highFrom")}: missing; give both cut-offs.";
        }

        cutoffs = new BandCutoffs(medium.Value, high.Value);
        return null;
    }

    /// <summary>"utilisationHighPct: …" from a deserialisation error's JSON path, or the parser's position.</summary>
    private static string Describe(JsonException e)
    {
        var path = e.Path is { Length: > 2 } p && p.StartsWith("$.", StringComparison.Ordinal) ? p[2..] : null;
        if (path is not null)
        {
            return $"{path}: not a value of the right type.";
        }

        return e.LineNumber is { } line
            ? $"not valid JSON (line {line + 1}, position {e.BytePositionInLine + 1})."
            : $"not valid JSON: {e.Message}";
    }
}
