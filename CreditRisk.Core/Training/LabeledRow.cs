namespace CreditRisk.Core.Training;

/// <summary>One observation: the customer's feature vector as of <see cref="AsOf"/> and whether they went 30+ DPD afterwards.</summary>
public sealed record LabeledRow(string CustomerId, DateOnly AsOf, bool Label, double?[] Features);
