using CreditRisk.Core;
using CreditRisk.Web;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddCreditRiskCore(builder.Configuration);
builder.AddCreditRiskWeb();

var app = builder.Build();
app.UseCreditRiskWeb();
app.Run();

/// <summary>Entry point, public so integration tests can host the app with WebApplicationFactory.</summary>
public partial class Program;
