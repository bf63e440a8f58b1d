using SupportAgent.Api.Models;

namespace SupportAgent.Tests.Models;

public sealed class ThinkTagFilterTests
{
    [Theory]
    [InlineData(new[] { "<think>the customer", " wants 1001</think>", "\n\n", "Order 1001", " shipped." }, "Order 1001 shipped.")]
    [InlineData(new[] { " <thi", "nk>x</th", "ink>Hello" }, "Hello")]
    [InlineData(new[] { "Hello", " <think>stays</think>" }, "Hello <think>stays</think>")]
    [InlineData(new[] { "<thin" }, "<thin")]
    [InlineData(new[] { "<think>never closed" }, "")]
    public void A_leading_think_block_is_dropped_from_streamed_text(string[] chunks, string shown)
    {
        var filter = new ThinkTagFilter();
        var text = string.Concat(chunks.Select(filter.Push)) + filter.Flush();
        Assert.Equal(shown, text);
    }
}
