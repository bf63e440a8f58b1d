using Microsoft.Extensions.Options;
using SupportAgent.MockBackends.Http;

namespace SupportAgent.MockBackends.Faults;

/// <summary>Run-time control of fault injection, for tests and chaos drills.</summary>
public static class FaultsApi
{
    public static IEndpointRouteBuilder MapFaultsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/admin/faults").WithTags("Faults");

        group.MapGet("", (FaultInjector faults) => TypedResults.Ok(faults.All()));

        group.MapPut("/{endpoint}", (string endpoint, FaultSettings settings, FaultInjector faults) =>
        {
            if (!FaultEndpoints.All.Contains(endpoint, StringComparer.OrdinalIgnoreCase))
            {
                return Problems.NotFound("unknown_fault_endpoint",
                    $"'{endpoint}' is not a fault endpoint; use one of {string.Join(", ", FaultEndpoints.All)}.");
            }
            if (settings.Validate() is { } problem)
            {
                return Problems.BadRequest("invalid_fault", problem);
            }
            faults.Override(endpoint.ToLowerInvariant(), settings);
            return Results.Ok(faults.All());
        });

        group.MapDelete("", (FaultInjector faults) =>
        {
            faults.Reset();
            return TypedResults.Ok(faults.All());
        });

        return routes;
    }

    public static IServiceCollection AddFaultInjection(this IServiceCollection services)
    {
        services.AddOptions<FaultsOptions>()
            .BindConfiguration("Faults")
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<FaultsOptions>, FaultsOptionsValidator>();
        services.AddSingleton<FaultInjector>();
        return services;
    }
}

internal sealed class FaultsOptionsValidator : IValidateOptions<FaultsOptions>
{
    public ValidateOptionsResult Validate(string? name, FaultsOptions options) =>
        options.Validate() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
}
