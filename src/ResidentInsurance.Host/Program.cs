using ResidentInsurance.Host;

var builder = WebApplication.CreateBuilder(args);
builder.AddResidentInsuranceHost();

var app = builder.Build();
app.MapResidentInsuranceApi();
app.Run();

/// <summary>Visible to WebApplicationFactory in tests.</summary>
public partial class Program;
