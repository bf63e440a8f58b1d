namespace SupportAgent.MockBackends.Payments;

public sealed record RefundRequest(long OrderId, decimal Amount, string? Reason);

public sealed record RefundDto(
    string RefundId, long OrderId, decimal Amount, decimal RefundedTotal, decimal Remaining, string OrderStatus, string Reason, DateTime CreatedAt);

public sealed record RefundEntryDto(string RefundId, decimal Amount, string Reason, DateTime CreatedAt);

public sealed record ChargeDto(long OrderId, decimal Total, decimal RefundedTotal, decimal Remaining, IReadOnlyList<RefundEntryDto> Refunds);

internal sealed record ChargeRow(long TotalCents, long RefundedCents);

internal sealed record RefundRow(string Id, long OrderId, long AmountCents, string Reason, DateTime CreatedAt);
