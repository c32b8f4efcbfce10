using System.Globalization;
using CreditRisk.Web.Components.Shared;

namespace CreditRisk.Web.Components.Pages.Admin.Models;

/// <summary>
/// Human names and formats for the metric and training-summary keys the trainer stores (<c>high_cutoff</c> →
/// "High cut-off"). A key without a label is shown with its underscores as spaces, never dropped.
/// </summary>
public static class MetricLabels
{
    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        ["auc"] = "AUC (ranking quality)",
        ["gini"] = "Gini",
        ["ks"] = "KS statistic",
        ["brier"] = "Brier score (lower is better)",
        ["accuracy"] = "Accuracy at 0.5",
        ["precision"] = "Precision at 0.5",
        ["recall"] = "Recall at 0.5",
        ["f1"] = "F1 at 0.5",
        ["high_cutoff"] = "High cut-off",
        ["accuracy_at_high"] = "Accuracy at the High cut-off",
        ["precision_at_high"] = "Precision at the High cut-off",
        ["recall_at_high"] = "Recall at the High cut-off",
        ["f1_at_high"] = "F1 at the High cut-off",
        ["ensemble_calibration"] = "Ensemble calibration",
        ["holdout_rows"] = "Hold-out rows",
        ["holdout_positives"] = "Hold-out delinquent rows",
        ["holdout_share"] = "Hold-out share",
        ["train_rows"] = "Training rows",
        ["train_positives"] = "Training delinquent rows",
        ["rows"] = "Rows",
        ["positives"] = "Delinquent rows",
        ["customers"] = "Customers",
        ["store_customers"] = "Customers in the store",
        ["seed"] = "Random seed",
        ["source"] = "Source",
        ["sources"] = "Sources",
        ["data_directory"] = "Data directory",
        ["label_rule"] = "Label rule",
        ["outcome_window_days"] = "Outcome window (days)",
        ["minimum_prior_statements"] = "Statements needed before a row",
        ["as_of_from"] = "Rows from",
        ["as_of_to"] = "Rows to",
        ["logistic_l1"] = "Logistic L1 regularisation",
        ["logistic_l2"] = "Logistic L2 regularisation",
        ["tree_leaves"] = "Tree leaves",
        ["tree_min_leaf_size"] = "Tree minimum leaf size",
        ["challenger_trees"] = "Challenger trees",
        ["challenger_leaves"] = "Challenger leaves per tree",
        ["challenger_min_leaf_size"] = "Challenger minimum leaf size",
        ["challenger_learning_rate"] = "Challenger learning rate",
        ["cv_auc"] = "AUC, cross-validated (mean of the folds)",
        ["cv_auc_sd"] = "AUC, cross-validated (spread of the folds, sd)",
        ["low_count"] = "Low rows",
        ["medium_count"] = "Medium rows",
        ["high_count"] = "High rows",
        ["low_default_rate"] = "Low default rate",
        ["medium_default_rate"] = "Medium default rate",
        ["high_default_rate"] = "High default rate",
    };

    private static readonly HashSet<string> Counts = new(StringComparer.Ordinal)
    {
        "holdout_rows", "holdout_positives", "train_rows", "train_positives", "rows", "positives", "customers", "store_customers",
        "low_count", "medium_count", "high_count", "outcome_window_days", "minimum_prior_statements", "tree_leaves",
        "tree_min_leaf_size", "challenger_trees", "challenger_leaves", "challenger_min_leaf_size",
    };

    // Shares of rows, read as percentages like the band cut-offs beside them.
    private static readonly HashSet<string> Rates = new(StringComparer.Ordinal)
    {
        "low_default_rate", "medium_default_rate", "high_default_rate", "holdout_share",
    };

    /// <summary>
    /// A metrics column's heading: "challenger" alone read, in the champion's own table, like another version; it is this
    /// version's boosted model, measured beside the ensemble and never used for bands.
    /// </summary>
    public static string ModelTitle(string model) => model switch
    {
        "ensemble" => "Ensemble (sets the bands)",
        "challenger" => "Boosted challenger",
        _ => Label(model),
    };

    public static string Label(string key) =>
        Labels.TryGetValue(key, out var label) ? label : CultureInfo.InvariantCulture.TextInfo.ToTitleCase(key.Replace('_', ' '));

    /// <summary>
    /// Counts with thousands separators, rates in percent, everything else to three decimals (four told nobody anything
    /// more).
    /// </summary>
    public static string Value(string key, double value) =>
        Counts.Contains(key) ? value.ToString("N0", CultureInfo.InvariantCulture)
        : Rates.Contains(key) ? DisplayFormat.Percent(value, 1)
        : key.EndsWith("_cutoff", StringComparison.Ordinal) ? DisplayFormat.Cutoff(value) // as every page writes cut-offs ("27.65%")
        : value.ToString("0.000", CultureInfo.InvariantCulture);

    /// <summary>
    /// A metric of one model, read beside its other metrics: a band's default rate, or the precision among the rows
    /// flagged High, over no rows is not 0 (the trainer stores 0 for it) but no figure at all.
    /// </summary>
    public static string Value(string key, double value, IReadOnlyDictionary<string, double> modelMetrics)
    {
        ArgumentNullException.ThrowIfNull(modelMetrics);
        var rowsKey = key == "precision_at_high" ? "high_count"
            : key.EndsWith("_default_rate", StringComparison.Ordinal) ? key.Replace("_default_rate", "_count", StringComparison.Ordinal)
            : null;
        return rowsKey is not null && modelMetrics.TryGetValue(rowsKey, out var rows) && rows == 0
            ? "n/a (no rows)"
            : Value(key, value);
    }

    /// <summary>A training-summary value: numbers formatted like metrics, text as it is.</summary>
    public static string Value(string key, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && !key.StartsWith("as_of", StringComparison.Ordinal) && key != "seed"
            ? Value(key, number)
            : value;
}
