using CreditRisk.Core.Scoring;
using CreditRisk.Core.Training;

namespace CreditRisk.Tests.Scoring;

/// <summary>One small trained version shared by the scoring tests (training takes a few seconds).</summary>
public sealed class TrainedModelFixture
{
    public TrainedModelFixture()
    {
        (TrainRows, TrainLabels) = SyntheticVectors.Create(3000, seed: 1);
        (TestRows, TestLabels) = SyntheticVectors.Create(3000, seed: 2);
        Options = new ModelOptions { ChallengerTrees = 30 };
        Trained = new ModelTrainer(Options).Train("v-test", TrainRows, TrainLabels, seed: 42);
    }

    internal List<double?[]> TrainRows { get; }

    internal List<bool> TrainLabels { get; }

    internal List<double?[]> TestRows { get; }

    internal List<bool> TestLabels { get; }

    internal ModelOptions Options { get; }

    internal TrainedModels Trained { get; }

    internal EnsembleRiskModel Model => Trained.Model;
}
