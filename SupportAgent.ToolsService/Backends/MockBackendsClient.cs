using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Polly;

namespace SupportAgent.ToolsService.Backends;

/// <summary>
/// The typed client for MockBackends (service discovery name <c>mockbackends</c>). Reads return null for 404;
/// 5xx, timeouts and open circuits surface as <see cref="BackendUnavailableException"/> once the resilience
/// handler has given up.
/// </summary>
public sealed class MockBackendsClient(HttpClient http)
{
    private const string IdempotencyKeyHeader = "Idempotency-Key";
    private const string ReplayedHeader = "Idempotent-Replayed";

    public Task<BackendOrder?> GetOrderAsync(long orderId, CancellationToken ct) =>
        GetOrNullAsync<BackendOrder>($"/orders/{orderId}", BackendNames.Orders, ct);

    public async Task<IReadOnlyList<BackendOrderSummary>> ListOrdersAsync(string customerId, int limit, CancellationToken ct) =>
        await GetOrNullAsync<List<BackendOrderSummary>>(
            $"/customers/{Uri.EscapeDataString(customerId)}/orders?limit={limit}", BackendNames.Orders, ct) ?? [];

    public async Task<IReadOnlyList<BackendCustomer>> ListCustomersWithOrdersAsync(CancellationToken ct) =>
        await GetOrNullAsync<List<BackendCustomer>>("/customers?includeOrders=true", BackendNames.Orders, ct) ?? [];

    public Task<BackendShipment?> GetShipmentAsync(long orderId, CancellationToken ct) =>
        GetOrNullAsync<BackendShipment>($"/shipping/orders/{orderId}", BackendNames.Shipping, ct);

    public async Task<IReadOnlyList<BackendDocHit>> SearchDocsAsync(string query, int limit, CancellationToken ct) =>
        await GetOrNullAsync<List<BackendDocHit>>(
            $"/docs/search?q={Uri.EscapeDataString(query)}&limit={limit}", BackendNames.Docs, ct) ?? [];

    public Task<ProviderResult<BackendRefund>> RefundAsync(long orderId, decimal amount, string reason, string idempotencyKey, CancellationToken ct) =>
        PostIdempotentAsync<BackendRefund>("/payments/refunds", new { orderId, amount, reason }, idempotencyKey, BackendNames.Payments, ct);

    public Task<ProviderResult<BackendReship>> ReshipAsync(long orderId, string reason, string idempotencyKey, CancellationToken ct) =>
        PostIdempotentAsync<BackendReship>("/shipping/reships", new { orderId, reason }, idempotencyKey, BackendNames.Shipping, ct);

    private async Task<T?> GetOrNullAsync<T>(string path, string backend, CancellationToken ct) where T : class
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, path), backend, ct);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<T>(ct);
    }

    private async Task<ProviderResult<T>> PostIdempotentAsync<T>(
        string path, object body, string idempotencyKey, string backend, CancellationToken ct) where T : class
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        // The same key on every retry (including the resilience handler's), so the provider applies the effect once.
        request.Headers.Add(IdempotencyKeyHeader, idempotencyKey);
        using var response = await SendAsync(request, backend, ct);
        var status = (int)response.StatusCode;
        if (response.IsSuccessStatusCode)
        {
            var replayed = response.Headers.TryGetValues(ReplayedHeader, out var values) && values.Contains("true");
            return new ProviderResult<T>(await response.Content.ReadFromJsonAsync<T>(ct), replayed, status, null, null);
        }
        var (code, detail) = await ReadProblemAsync(response, ct);
        return new ProviderResult<T>(null, false, status, code, detail);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, string backend, CancellationToken ct)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, ct);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested && ex is HttpRequestException or OperationCanceledException or ExecutionRejectedException)
        {
            throw new BackendUnavailableException(backend, ex.GetType().Name, ex);
        }
        finally
        {
            request.Dispose();
        }
        if ((int)response.StatusCode >= 500)
        {
            var status = (int)response.StatusCode;
            response.Dispose();
            throw new BackendUnavailableException(backend, $"HTTP {status}");
        }
        return response;
    }

    private static async Task<(string? Code, string? Detail)> ReadProblemAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            var root = problem.RootElement;
            return (root.TryGetProperty("code", out var code) ? code.GetString() : null,
                root.TryGetProperty("detail", out var detail) ? detail.GetString() : null);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }
}
