using SupportAgent.ServiceDefaults.Postgres;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddNpgsqlDataSource("support");
builder.Services.AddPostgresMigrations("tools", "support", typeof(Program).Assembly);

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();

public partial class Program;
