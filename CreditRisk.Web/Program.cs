using CreditRisk.Core;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddCreditRiskCore(builder.Configuration);

var app = builder.Build();
app.Run();

/// <summary>Entry point, public so integration tests can host the app with WebApplicationFactory.</summary>
public partial class Program;
