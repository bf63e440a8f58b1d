using SupportAgent.Offline.Agent;
using SupportAgent.Api.Graph;

namespace SupportAgent.Tests.Agents;

public sealed class TextSignalsTests
{
    [Theory]
    [InlineData("Refund order 1042 please", "1042")]
    [InlineData("it's #1042", "1042")]
    [InlineData("order no. 1042 arrived broken", "1042")]
    [InlineData("Order number: 1042", "1042")]
    [InlineData("1042", "1042")]
    [InlineData("I paid $1042 for it", null)]
    [InlineData("refund 1042 dollars", null)]
    [InlineData("I ordered it on 2025-03-01", null)]
    [InlineData("it cost 1042.50", null)]
    public void Order_ids_are_found_and_money_or_dates_are_not(string text, string? expected) =>
        Assert.Equal(expected, TextSignals.OrderId(text));

    [Theory]
    [InlineData("refund $20 please", "20")]
    [InlineData("20 dollars back", "20")]
    [InlineData("just 20.50 of it", "20.50")]
    [InlineData("$1,250.75", "1250.75")]
    [InlineData("order 1042", null)]
    public void Amounts_are_read(string text, string? expected) =>
        Assert.Equal(expected is null ? null : decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), TextSignals.Amount(text));

    [Theory]
    [InlineData("yes", true)]
    [InlineData("Yes please", true)]
    [InlineData("ok", true)]
    [InlineData("sure, go ahead", true)]
    [InlineData("please", true)]
    [InlineData("please tell me more about how refunds work for big orders", false)]
    [InlineData("no", false)]
    [InlineData("No, don't do it", false)]
    [InlineData("what?", false)]
    public void Only_a_clear_yes_confirms(string text, bool expected) => Assert.Equal(expected, TextSignals.IsAffirmative(text));

    [Theory]
    [InlineData("THANK YOU SO MUCH!!!", false)]
    [InlineData("Thanks!!!", false)]
    [InlineData("This is unacceptable", true)]
    [InlineData("WHERE IS MY ORDER, IT HAS BEEN WEEKS", true)]
    [InlineData("Where is my order?", false)]
    public void Upset_is_not_confused_with_enthusiasm(string text, bool expected) => Assert.Equal(expected, TextSignals.IsUpset(text));

    [Fact]
    public async Task An_amount_for_another_order_is_not_carried_over()
    {
        var chat = new OfflineConversation(Lanes.Refund, FakeTools.Seeded());
        await chat.SendAsync("refund $20 on order 1001");
        await chat.SendAsync("yes");

        var turn = await chat.SendAsync("now refund order 1007");

        Assert.Contains("Shall I refund $60.00 for order 1007", turn.Reply);
    }

    [Fact]
    public async Task Tool_mode_none_means_answer_without_tools()
    {
        var engine = new OfflineAgentChatClient();
        var options = new Microsoft.Extensions.AI.ChatOptions
        {
            ToolMode = Microsoft.Extensions.AI.ChatToolMode.None,
            Tools = [Microsoft.Extensions.AI.AIFunctionFactory.CreateDeclaration("get_order", "", System.Text.Json.JsonDocument.Parse("{}").RootElement)],
        };
        var response = await engine.GetResponseAsync(
            [new(Microsoft.Extensions.AI.ChatRole.System, Api.Agents.SpecialistPrompt.For(Lanes.OrderLookup, "c", DateTimeOffset.UtcNow)),
             new(Microsoft.Extensions.AI.ChatRole.User, "order 1001")], options);

        Assert.Empty(response.Messages.SelectMany(m => m.Contents).OfType<Microsoft.Extensions.AI.FunctionCallContent>());
        Assert.False(string.IsNullOrWhiteSpace(response.Text));
    }
}
