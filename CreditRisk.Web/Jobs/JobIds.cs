namespace CreditRisk.Web.Jobs;

/// <summary>Stable kebab-case job ids (recurring job ids, audit actors, log names).</summary>
public static class JobIds
{
    public const string SendWhatsAppAlert = "send-whatsapp-alert";
    public const string NightlyPortfolioRescore = "nightly-portfolio-rescore";
    public const string AlertOutboxSweep = "alert-outbox-sweep";
    public const string RetrainFromStore = "retrain-from-store";
    public const string RulesWhatIf = "rules-what-if";

    /// <summary>Queue of alert deliveries, served before the default queue so a long re-score never holds alerts up.</summary>
    public const string AlertsQueue = "alerts";

    public const string DefaultQueue = "default";

    /// <summary>How a job appears as the actor in the audit log, e.g. <c>job:nightly-portfolio-rescore</c>.</summary>
    public static string Actor(string jobId) => "job:" + jobId;
}
