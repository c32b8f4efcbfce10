using System.Globalization;
using System.Security.Cryptography;
using CreditRisk.Core.Features;
using CreditRisk.Core.Persistence;
using CreditRisk.Core.Rules;
using CreditRisk.Core.Scoring;
using CreditRisk.Core.Scoring.Cutoffs;
using CreditRisk.Core.Scoring.Evaluation;
using Microsoft.Extensions.Options;

namespace CreditRisk.Core.Training;

/// <summary>What to train on and how.</summary>
public sealed record TrainingRequest
{
    /// <summary>
    /// Directory with customers.csv, transactions.csv and/or statements.csv, and labels.csv. Required by
    /// <see cref="TrainingService.TrainAsync(TrainingRequest, CancellationToken)"/>; not used when the history is
    /// passed in memory.
    /// </summary>
    public string? DataDirectory { get; init; }

    /// <summary>Share of customers held out for the measures (0–1, exclusive). Default 0.3.</summary>
    public double HoldoutShare { get; init; } = 0.3;

    /// <summary>Seed of the split and the trainers. Default 42.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Make the new version the champion.</summary>
    public bool Promote { get; init; }

    /// <summary>Who trained it, e.g. <c>cli:alice</c>.</summary>
    public required string CreatedBy { get; init; }

    /// <summary>
    /// Cut-offs pinned by configuration (<c>Banding:MediumFrom</c>/<c>HighFrom</c>) for the band and High-cut-off
    /// measures; null measures at the cut-offs chosen from <see cref="Budget"/>, which are stored with the version
    /// either way.
    /// </summary>
    public BandCutoffs? Cutoffs { get; init; }

    /// <summary>The alert budget the version's cut-offs are chosen from on the hold-out. Default 25 alerts per 1,000 a month, 10% watch list.</summary>
    public AlertBudget Budget { get; init; } = AlertBudget.Default;

    /// <summary>Which labels to train on. Default <see cref="TrainingLabels.Auto"/>.</summary>
    public TrainingLabels Labels { get; init; } = TrainingLabels.Auto;
}

/// <summary>
/// Trains a model version from a data directory: point-in-time feature vectors, a seeded stratified hold-out by
/// customer, the logistic regression, single tree and challenger on the training side (the ensemble calibrated on
/// out-of-fold blends of the training side), band cut-offs chosen on the hold-out from the alert budget, measures on
/// the hold-out, then registers the version with its cut-offs (and promotes it when asked).
/// </summary>
public sealed class TrainingService(
    IModelRegistry registry, ModelPromotionService promotion, IOptions<ModelOptions> options, RuleSettingsService rules, TimeProvider time)
{
    /// <summary>Trains on the files of <see cref="TrainingRequest.DataDirectory"/>.</summary>
    /// <exception cref="TrainingDataException">The directory is incomplete or malformed, or the rows cannot train a model.</exception>
    public Task<ModelReport> TrainAsync(TrainingRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.DataDirectory))
        {
            throw new ArgumentException("A data directory is required.", nameof(request));
        }

        // Early-warning labels come from the statements alone: labels.csv is neither needed nor read for them.
        return TrainAsync(TrainingDataReader.Read(request.DataDirectory, withLabels: request.Labels != TrainingLabels.EarlyWarning), request, ct);
    }

    /// <summary>
    /// Trains on a history already in memory, e.g. <see cref="SimulatedTrainingData.ToHistory"/> (the demo seeding),
    /// exactly as on the same rows read from files.
    /// </summary>
    /// <exception cref="TrainingDataException">The rows cannot train a model (one outcome only, too few rows).</exception>
    public async Task<ModelReport> TrainAsync(LabeledHistory history, TrainingRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(request);
        if (history.LabelCount == 0 && request.Labels != TrainingLabels.EarlyWarning)
        {
            throw new TrainingDataException("The training data has no label rows.");
        }

        ct.ThrowIfCancellationRequested();
        (history, var used) = TrainingLabelChoice.Apply(history, request.Labels);
        var rows = new TrainingRows
        {
            Rows = PointInTimeFeatures.Build(history),
            Source = history.Source,
            HasTransactions = history.HasTransactions,
            HasStatements = history.HasStatements,
            // Kept with the version: evaluate measures it against the same event by default.
            Details = new Dictionary<string, string> { [TrainingLabelNames.SummaryKey] = TrainingLabelNames.Name(used) },
        };
        return await TrainAsync(rows, history, request, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Trains on feature rows already built point in time, e.g. by <see cref="StoreTrainingDataSource"/> (retraining
    /// from the stored data), exactly as on the same rows built from a history.
    /// </summary>
    /// <exception cref="TrainingDataException">The rows cannot train a model (none, one outcome only, too few rows).</exception>
    /// <remarks>
    /// The rows carry no history to replay, so the cut-offs are counted on the monthly hold-out rows with the model
    /// alone (the note says so), not at the live cadence as when training on a history.
    /// </remarks>
    public Task<ModelReport> TrainAsync(TrainingRows training, TrainingRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(request);
        return TrainAsync(training, history: null, request, ct);
    }

    /// <summary>
    /// Trains on <paramref name="training"/>; with the <paramref name="history"/> they were built from, the cut-offs
    /// are counted on the hold-out customers replayed at the live cadence (<see cref="CadenceReadings"/>).
    /// </summary>
    private async Task<ModelReport> TrainAsync(TrainingRows training, LabeledHistory? history, TrainingRequest request, CancellationToken ct)
    {
        var rows = training.Rows;
        if (rows.Count == 0)
        {
            throw new TrainingDataException("The training data has no label rows.");
        }

        ct.ThrowIfCancellationRequested();
        var (trainIndex, holdoutIndex) = HoldoutSplit.Split(rows, request.HoldoutShare, request.Seed);
        var train = trainIndex.Select(i => rows[i]).ToList();
        var holdout = holdoutIndex.Select(i => rows[i]).ToList();
        MeasurableOutcomes.Require(holdout, "The hold-out", "add data or raise --holdout");

        ct.ThrowIfCancellationRequested();
        var createdAt = time.GetUtcNow();
        var id = NewVersionId(createdAt);
        var trained = new ModelTrainer(options.Value).Train(
            id, train.ConvertAll(r => r.Features), train.ConvertAll(r => r.Label), request.Seed, groups: train.ConvertAll(r => r.CustomerId),
            featureNames: training.FeatureNames);
        var panel = new ScoredPanel(holdout.Select(r => new PanelRow(r.CustomerId, r.AsOf, trained.Model.Probabilities(r.Features).Ensemble, r.Label)));
        var chosen = await ChooseCutoffsAsync(panel, history, holdout, trained.Model, request.Budget, ct).ConfigureAwait(false);
        var budgetCurve = BudgetCurve.Compute(panel, BudgetCurve.DefaultBudgets);
        var measuredAt = request.Cutoffs ?? chosen.ToBandCutoffs();
        var (models, psi, curvesByModel) = ModelScoring.Evaluate(trained.Model, holdout, measuredAt);
        var curves = curvesByModel[ModelNames.Ensemble];
        var comparison = await HoldoutChampionComparison.CompareAsync(
            registry, training.FeatureNames, holdout, holdout.ConvertAll(r => trained.Model.Probabilities(r.Features).Ensemble), ct).ConfigureAwait(false);

        var version = new ModelVersion
        {
            Id = id,
            CreatedAt = createdAt,
            CreatedBy = request.CreatedBy,
            ModelBytes = trained.PackageBytes,
            FeatureNames = [.. training.FeatureNames],
            Metrics = WithCrossValidation(models.ToMetrics(), trained.CrossValidation),
            CurvesByModel = curvesByModel,
            Curves = curves,
            Cutoffs = chosen,
            BudgetCurve = budgetCurve,
            ChampionOnSameHoldout = comparison,
            TrainingSummary = Summary(training, train, holdout, request, trained.Calibration),
        };
        await registry.AddAsync(version, ct).ConfigureAwait(false);
        if (request.Promote)
        {
            await promotion.PromoteAsync(id, ct).ConfigureAwait(false);
        }

        return new ModelReport
        {
            Version = id,
            Rows = rows.Count,
            Positives = rows.Count(r => r.Label),
            Labels = training.Details.GetValueOrDefault(TrainingLabelNames.SummaryKey),
            EvaluatedOn = "holdout",
            EvaluatedRows = holdout.Count,
            TrainRows = train.Count,
            HoldoutRows = holdout.Count,
            Promoted = request.Promote,
            Cutoffs = measuredAt,
            ChosenCutoffs = chosen,
            BudgetCurve = budgetCurve,
            EnsembleCalibration = trained.Calibration,
            CrossValidation = trained.CrossValidation?.ToReport(),
            ChampionOnSameHoldout = comparison,
            Psi = psi,
            Models = models,
        };
    }

    private async Task<ChosenCutoffs> ChooseCutoffsAsync(
        ScoredPanel panel, LabeledHistory? history, List<LabeledRow> holdout, EnsembleRiskModel model, AlertBudget budget, CancellationToken ct)
    {
        if (history is null)
        {
            var monthly = BudgetCutoffChooser.Choose(panel, budget);
            const string Counting = "counted on the monthly hold-out rows, the model alone (retraining from stored rows replays no history)";
            return monthly with { Note = monthly.Note is null ? Counting : $"{monthly.Note}; {Counting}" };
        }

        var customers = holdout.Select(r => r.CustomerId).ToHashSet(StringComparer.Ordinal);
        // The rules in force (an admin's saved thresholds, else the configured ones): the budget counts the alerts the
        // live pipeline would raise with this model beside them.
        var inForce = await rules.GetCurrentAsync(ct).ConfigureAwait(false);
        var readings = CadenceReadings.Build(history, customers, model, inForce, ct);
        return CadenceCutoffChooser.Choose(panel, readings, budget);
    }

    /// <summary>Adds each model's cross-validated AUC and its spread (<c>cv_auc</c>, <c>cv_auc_sd</c>) to its hold-out metrics.</summary>
    private static Dictionary<string, Dictionary<string, double>> WithCrossValidation(
        Dictionary<string, Dictionary<string, double>> metrics, CrossValidationOutcome? cv)
    {
        foreach (var (model, aucs) in cv?.Models ?? new Dictionary<string, FoldAucs>())
        {
            if (metrics.TryGetValue(model, out var scalars))
            {
                scalars["cv_auc"] = aucs.Mean;
                scalars["cv_auc_sd"] = aucs.StandardDeviation;
            }
        }

        return metrics;
    }

    /// <summary><c>yyyyMMdd-HHmmss-xxxx</c> (UTC, four random hex digits): sortable and unique enough for a registry.</summary>
    internal static string NewVersionId(DateTimeOffset at) =>
        $"{at.UtcDateTime:yyyyMMdd-HHmmss}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(2))}";

    private static Dictionary<string, string> Summary(
        TrainingRows history, List<LabeledRow> train, List<LabeledRow> holdout, TrainingRequest request, string calibration)
    {
        var rows = history.Rows;
        string Text(double value) => value.ToString(CultureInfo.InvariantCulture);
        var summary = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["source"] = history.Source,
            ["sources"] = string.Join("+", new[] { history.HasTransactions ? "transactions" : null, history.HasStatements ? "statements" : null }.OfType<string>()),
            ["rows"] = Text(rows.Count),
            ["positives"] = Text(rows.Count(r => r.Label)),
            ["customers"] = Text(rows.Select(r => r.CustomerId).Distinct(StringComparer.Ordinal).Count()),
            ["train_rows"] = Text(train.Count),
            ["train_positives"] = Text(train.Count(r => r.Label)),
            ["holdout_rows"] = Text(holdout.Count),
            ["holdout_positives"] = Text(holdout.Count(r => r.Label)),
            ["holdout_share"] = Text(request.HoldoutShare),
            ["seed"] = Text(request.Seed),
            ["as_of_from"] = rows.Min(r => r.AsOf).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["as_of_to"] = rows.Max(r => r.AsOf).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["ensemble_calibration"] = calibration,
        };
        if (request.DataDirectory is not null)
        {
            summary["data_directory"] = Path.GetFullPath(request.DataDirectory);
        }

        foreach (var (key, value) in history.Details)
        {
            summary.TryAdd(key, value);
        }

        return summary;
    }
}
