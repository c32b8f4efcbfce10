using CreditRisk.Core;
using CreditRisk.Core.Persistence;
using CreditRisk.Web;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddCreditRiskCore(builder.Configuration);
builder.AddCreditRiskWeb();

var app = builder.Build();
try
{
    // The store first: an earlier version's store is refused with its message alone, before the host starts (a refusal
    // from inside the start is logged by the host as "Hosting failed to start", with a stack trace that buries it).
    _ = app.Services.GetRequiredService<ICreditRiskStore>();
    app.UseCreditRiskWeb();
    app.Run();
    return 0;
}
catch (Exception ex) when (ex is EarlierStoreFoundException or CreditRisk.Core.Persistence.Sqlite.StoreInUseException)
{
    // What to do about an earlier version's store, or one another process holds, is the operator's decision; the
    // message says how, a stack trace would bury it.
    await Console.Error.WriteLineAsync(ex.Message);
    return 1;
}

/// <summary>Entry point, public so integration tests can host the app with WebApplicationFactory.</summary>
public partial class Program;
