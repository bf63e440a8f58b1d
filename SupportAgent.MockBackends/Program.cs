using SupportAgent.ServiceDefaults.Postgres;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddNpgsqlDataSource("backends");
builder.Services.AddPostgresMigrations("mockbackends", "backends", typeof(Program).Assembly);

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();

public partial class Program;
