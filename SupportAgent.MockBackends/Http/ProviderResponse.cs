using System.Text;
using SupportAgent.MockBackends.Persistence;

namespace SupportAgent.MockBackends.Http;

/// <summary>What an idempotent provider operation answered: a new result, a replay of the first one, or a problem.</summary>
public abstract record ProviderResponse
{
    public sealed record Created(object Body) : ProviderResponse;

    public sealed record Replayed(int StatusCode, string Json) : ProviderResponse;

    public sealed record Failed(int Status, string Code, string Title, string Detail) : ProviderResponse;

    public IResult ToResult(HttpContext context) => this switch
    {
        Created created => Results.Json(created.Body, statusCode: StatusCodes.Status201Created),
        Replayed replayed => Replay(context, replayed),
        Failed failed => Problems.Create(failed.Status, failed.Code, failed.Title, failed.Detail),
        _ => throw new InvalidOperationException("Unknown provider response."),
    };

    private static IResult Replay(HttpContext context, Replayed replayed)
    {
        context.Response.Headers[IdempotencyKeys.ReplayedHeader] = "true";
        return Results.Text(replayed.Json, "application/json", Encoding.UTF8, replayed.StatusCode);
    }
}
