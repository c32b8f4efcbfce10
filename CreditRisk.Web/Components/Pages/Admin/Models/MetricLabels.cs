using System.Globalization;

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
    };

    private static readonly HashSet<string> Counts = new(StringComparer.Ordinal)
    {
        "holdout_rows", "holdout_positives", "train_rows", "train_positives", "rows", "positives", "customers", "store_customers",
    };

    public static string Label(string key) =>
        Labels.TryGetValue(key, out var label) ? label : CultureInfo.InvariantCulture.TextInfo.ToTitleCase(key.Replace('_', ' '));

    /// <summary>Counts with thousands separators, everything else to three decimals (four told nobody anything more).</summary>
    public static string Value(string key, double value) =>
        Counts.Contains(key) ? value.ToString("N0", CultureInfo.InvariantCulture) : value.ToString("0.000", CultureInfo.InvariantCulture);

    /// <summary>A training-summary value: numbers formatted like metrics, text as it is.</summary>
    public static string Value(string key, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && !key.StartsWith("as_of", StringComparison.Ordinal) && key != "seed"
            ? Value(key, number)
            : value;
}
