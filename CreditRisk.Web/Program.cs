using CreditRisk.Core;
using CreditRisk.Core.Persistence;
using CreditRisk.Web;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddCreditRiskCore(builder.Configuration);
builder.AddCreditRiskWeb();

var app = builder.Build();
try
{
    app.UseCreditRiskWeb();
    app.Run();
    return 0;
}
catch (EarlierStoreFoundException ex)
{
    // What to do about an earlier version's store is the operator's decision; the message says how, a stack trace would bury it.
    await Console.Error.WriteLineAsync(ex.Message);
    return 1;
}

/// <summary>Entry point, public so integration tests can host the app with WebApplicationFactory.</summary>
public partial class Program;
