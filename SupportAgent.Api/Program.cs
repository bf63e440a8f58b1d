using SupportAgent.ServiceDefaults.Postgres;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddNpgsqlDataSource("support");
builder.AddRedisClient("redis");
builder.Services.AddPostgresMigrations("api", "support", typeof(Program).Assembly);

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapGet("/", () => "SupportAgent");
app.Run();

public partial class Program;
