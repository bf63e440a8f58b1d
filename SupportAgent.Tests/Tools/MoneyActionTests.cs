using System.Net;
using Npgsql;
using SupportAgent.Tests.Backends;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Tools;

/// <summary>
/// Money actions per confirmed proposal (X-Proposal-Id), the per-customer daily ceiling, and a person's approval
/// (docs/CONTRACTS.md, issue 18).
/// </summary>
[Collection(WholeAppCollection.Name)]
public sealed class MoneyActionTests(WholeAppFixture fixture)
{
    private const decimal DailyCeiling = 1000m;

    private readonly ToolsClient _tools = new(fixture.App.CreateHttpClient("toolsservice"));
    private readonly BackendsClient _backends = new(fixture.App.CreateBackendsHttpClient());

    [Fact]
    public async Task Two_genuine_equal_refunds_are_two_payments_and_a_retried_proposal_replays_as_a_replay()
    {
        var order = await _backends.ClaimOrderAsync("delivered", o => o.Total is > 300m and <= 500m);
        var refund = new { order_id = order.OrderId, amount = 100m, reason = "two broken items" };

        var first = await _tools.CallAsync(order.CustomerId, "issue_refund", refund, proposalId: "proposal-a");
        var second = await _tools.CallAsync(order.CustomerId, "issue_refund", refund, proposalId: "proposal-b");
        // The first proposal sent again from another conversation and call: one payment, and it says so.
        var retried = await _tools.CallAsync(order.CustomerId, "issue_refund", refund, proposalId: "proposal-a");

        Assert.All(new[] { first, second, retried }, r => Assert.Equal("ok", r.Outcome));
        Assert.Equal($"refund:{order.OrderId}:proposal-a", first.IdempotencyKey);
        Assert.Equal($"refund:{order.OrderId}:proposal-b", second.IdempotencyKey);
        Assert.NotEqual(first.Data!["refundId"]!.GetValue<string>(), second.Data!["refundId"]!.GetValue<string>());
        Assert.False(first.Data["replayed"]!.GetValue<bool>());
        Assert.StartsWith("Refunded $100.00", first.Message);

        var reference = first.Data["refundId"]!.GetValue<string>();
        Assert.Equal(reference, retried.Data!["refundId"]!.GetValue<string>());
        Assert.True(retried.Data["replayed"]!.GetValue<bool>());
        Assert.Equal($"This refund was already issued earlier (reference {reference}); no new payment was made.", retried.Message);
        Assert.DoesNotContain("Refunded", retried.Message);

        var charge = await _backends.ChargeAsync(order.OrderId);
        Assert.Equal(2, BackendsClient.RefundCount(charge));
        Assert.Equal(200m, charge["refundedTotal"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task A_money_call_without_a_proposal_is_refused_audited_and_moves_nothing()
    {
        // Tools:RequireProposalId is on by default: the Api sends every refund and reship with the proposal it executes.
        var order = await _backends.ClaimOrderAsync("delivered", o => o.Total < 500m);
        var (thread, call) = (ToolsClient.NewId("thread"), ToolsClient.NewId("call"));

        var refund = await _tools.SendAsync("issue_refund", $$"""{"order_id":"{{order.OrderId}}","reason":"no proposal"}""",
            ToolsTokens.For(order.CustomerId), thread, call, withProposal: false);
        var reship = await _tools.SendAsync("reship", """{"order_id":"1003","reason":"no proposal"}""",
            ToolsTokens.For("cust_001"), withProposal: false);

        Assert.Equal(HttpStatusCode.OK, refund.Status);
        Assert.Equal("refused", refund.Outcome);
        Assert.Equal("proposal_required", refund.Data!["code"]!.GetValue<string>());
        Assert.Equal("refused", reship.Outcome);
        Assert.Equal("proposal_required", reship.Data!["code"]!.GetValue<string>());
        Assert.Equal(0, BackendsClient.RefundCount(await _backends.ChargeAsync(order.OrderId)));
        var (approvedBy, proposal) = await AuditApprovalAsync(thread, call);
        Assert.Null(approvedBy);
        Assert.Null(proposal);
    }

    [Fact]
    public async Task A_proposal_id_longer_than_100_characters_is_a_bad_request()
    {
        var result = await _tools.CallAsync("cust_001", "issue_refund", new { order_id = "1001", reason = "x" }, proposalId: new string('p', 101));

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Equal("invalid_header", result.ProblemCode);
    }

    [Fact]
    public async Task Daily_ceiling_sends_the_customers_next_refund_to_a_person_unless_approved()
    {
        // A customer nobody else touches, with enough delivered orders to refund past the ceiling in pieces under the cap.
        var orders = await _backends.ClaimCustomerAsync(g =>
            g.Where(o => o.Status == "delivered").Sum(o => Math.Min(o.Total, 450m)) > DailyCeiling + 50m);
        var customer = orders[0].CustomerId;
        var refunded = 0m;
        ToolResponse? held = null;
        decimal heldAmount = 0;
        SeededOrder? heldOrder = null;
        foreach (var order in orders.Where(o => o.Status == "delivered"))
        {
            var amount = Math.Min(order.Total, 450m);
            var result = await _tools.CallAsync(customer, "issue_refund", new { order_id = order.OrderId, amount, reason = "ceiling" });
            if (result.Outcome == "ok")
            {
                refunded += amount;
                continue;
            }
            (held, heldAmount, heldOrder) = (result, amount, order);
            break;
        }

        Assert.NotNull(held);
        Assert.Equal("needs_approval", held.Outcome);
        Assert.Equal("daily_ceiling", held.Data!["policy"]!.GetValue<string>());
        Assert.Equal(DailyCeiling, held.Data["dailyCeiling"]!.GetValue<decimal>());
        Assert.Equal(refunded, held.Data["refundedToday"]!.GetValue<decimal>());
        Assert.True(refunded <= DailyCeiling && refunded + heldAmount > DailyCeiling, $"refunded {refunded}, held {heldAmount}");
        Assert.Equal(0, BackendsClient.RefundCount(await _backends.ChargeAsync(heldOrder!.OrderId)));

        // A person approved it: the Api mints the token with approved_by, and the ceiling no longer applies.
        var (thread, call) = (ToolsClient.NewId("thread"), ToolsClient.NewId("call"));
        var approved = await _tools.CallAsync(customer, "issue_refund", new { order_id = heldOrder.OrderId, amount = heldAmount, reason = "ceiling" },
            thread, call, proposalId: "approved-1", approvedBy: "agent_ana");
        Assert.Equal("ok", approved.Outcome);
        Assert.Equal(1, BackendsClient.RefundCount(await _backends.ChargeAsync(heldOrder.OrderId)));
        var (approvedBy, proposal) = await AuditApprovalAsync(thread, call);
        Assert.Equal("agent_ana", approvedBy);
        Assert.Equal("approved-1", proposal);
    }

    [Fact]
    public async Task Approval_waives_the_cap_but_never_the_refundable_amount_or_ownership()
    {
        var order = await _backends.ClaimOrderAsync("delivered", o => o.Total is > 600m and < 1500m);

        var automatic = await _tools.CallAsync(order.CustomerId, "issue_refund", new { order_id = order.OrderId, amount = 600m, reason = "broken" });
        var tooMuch = await _tools.CallAsync(order.CustomerId, "issue_refund", new { order_id = order.OrderId, amount = order.Total + 1m, reason = "broken" },
            approvedBy: "agent_ben");
        var notTheirs = await _tools.CallAsync("cust_001", "issue_refund", new { order_id = order.OrderId, amount = 600m, reason = "broken" },
            approvedBy: "agent_ben");
        var approved = await _tools.CallAsync(order.CustomerId, "issue_refund", new { order_id = order.OrderId, amount = 600m, reason = "broken" },
            approvedBy: "agent_ben");

        Assert.Equal("needs_approval", automatic.Outcome);
        Assert.Equal("above_cap", automatic.Data!["policy"]!.GetValue<string>());
        Assert.Equal("refused", tooMuch.Outcome);
        Assert.Equal("not_found", notTheirs.Outcome);
        Assert.Equal("ok", approved.Outcome);
        Assert.Equal(600m, (await _backends.ChargeAsync(order.OrderId))["refundedTotal"]!.GetValue<decimal>());
    }

    private async Task<(string? ApprovedBy, string? ProposalId)> AuditApprovalAsync(string thread, string call)
    {
        await using var connection = new NpgsqlConnection(await fixture.App.GetConnectionStringAsync("support"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT approved_by, proposal_id FROM tool_calls WHERE thread_id = @thread AND call_id = @call", connection);
        command.Parameters.AddWithValue("thread", thread);
        command.Parameters.AddWithValue("call", call);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), "The call has no audit row.");
        return (reader.IsDBNull(0) ? null : reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1));
    }
}
