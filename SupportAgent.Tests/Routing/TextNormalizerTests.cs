using SupportAgent.Offline.Routing;
using SupportAgent.Offline.Understanding;

namespace SupportAgent.Tests.Routing;

public sealed class TextNormalizerTests
{
    [Theory]
    [InlineData("Refund #1042 please", "refund ordnum please")]
    [InlineData("order 1042", "order ordnum")]
    [InlineData("ord. 1042", "ord ordnum")]
    [InlineData("Charged $54.20 twice", "charged money twice")]
    [InlineData("i want my 65 dollars back", "i want my money back")]
    [InlineData("returned on 4/18 and 2024-05-01", "returned on date and date")]
    [InlineData("since March 3rd", "since date")]
    [InlineData("on the 2nd of June", "on the date")]
    [InlineData("soooo late!!!!", "soo late !")]
    [InlineData("WHERE IS IT???", "where is it ?")]
    [InlineData("don't", "dont")]
    [InlineData("waited 3 weeks", "waited num weeks")]
    public void Folds_numbers_amounts_dates_and_emphasis(string input, string expected)
    {
        Assert.Equal(expected, TextNormalizer.Normalize(input));
    }

    [Fact]
    public void Blank_text_normalizes_to_empty()
    {
        Assert.Equal("", TextNormalizer.Normalize("  "));
        Assert.Equal("", TextNormalizer.Normalize(null));
    }
}
