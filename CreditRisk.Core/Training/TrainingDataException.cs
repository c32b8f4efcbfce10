namespace CreditRisk.Core.Training;

/// <summary>The training data directory is incomplete or a file in it is malformed; the message names file and line.</summary>
public sealed class TrainingDataException(string message, Exception? inner = null) : Exception(message, inner);
