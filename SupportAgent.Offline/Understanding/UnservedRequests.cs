using System.Text.RegularExpressions;

namespace SupportAgent.Offline.Understanding;

/// <param name="Kind">A stable name for the audit and the handoff reason ("address_change").</param>
/// <param name="CannotDo">What the assistant says it cannot do here, in one plain sentence.</param>
/// <param name="SelfService">The help-center path the customer can take themselves, citing the article.</param>
/// <param name="NeedsPerson">Only a person can do it (or it is urgent): hand over rather than offer to.</param>
public sealed record UnservedRequest(string Kind, string CannotDo, string SelfService, bool NeedsPerson);

/// <summary>
/// Requests no tool serves: changing a delivery address, the recipient's name or house number, delivery
/// instructions, a faster shipping method, a price-drop difference, cancelling, exchanging, an invoice copy, a double
/// charge, deleting the account. The honest answer is what the assistant cannot do plus a person or the help-center path
/// (the articles are in MockBackends Docs/Articles), never an unrelated tracking or refund answer.
/// </summary>
public static partial class UnservedRequests
{
    public static UnservedRequest? Detect(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var lower = text.ToLowerInvariant().Replace('’', '\'');
        if (AddressChange().IsMatch(lower))
            return new("address_change", "I can't change the delivery address of an order from here.",
                "Our help center's \"Changing the shipping address\" article explains that a pending order's address can be edited under Account, then Orders, and that a parcel already shipped can be redirected from the carrier's tracking page.", true);
        if (RecipientChange().IsMatch(lower))
            return new("recipient_change", "I can't change the name or details on an order from here.",
                "A colleague can check whether the order can still be changed before it ships.", true);
        if (DeliveryInstructions().IsMatch(lower))
            return new("delivery_instructions", "I can't give the carrier delivery instructions from here.",
                "Once a parcel has shipped, the carrier's tracking page usually lets you choose a neighbour, a safe place or another day.", true);
        if (ShippingUpgrade().IsMatch(lower))
            return new("shipping_upgrade", "I can't change an order's shipping method from here.",
                "Our help center's \"Shipping methods and how long delivery takes\" article lists the options and their times.", true);
        if (PriceAdjustment().IsMatch(lower))
            return new("price_adjustment", "I can't refund a price difference from here.",
                "As our help center's \"Price drops after you order\" article explains, a drop within 14 days of delivery is refunded once per item by our support team.", true);
        if (Cancellation().IsMatch(lower))
            return new("cancellation", "I can't cancel an order from here.",
                "As our help center's \"Cancelling an order\" article explains, an order can be cancelled while it is still pending, under Account, then Orders, and a cancelled order is refunded in full.", true);
        if (Exchange().IsMatch(lower))
            return new("exchange", "I can't arrange an exchange from here.",
                "Our help center's \"Exchanging an item for another size or color\" article explains that a same-item exchange is free: start a return and choose \"Exchange\" as the reason.", false);
        if (DoubleCharge().IsMatch(lower))
            return new("double_charge", "I can't check the payment records for a double charge from here.",
                "Our help center's \"I was charged twice\" article explains that a second entry is often an authorization that drops off within 3 to 7 days; a true duplicate is refunded once our team has checked it.", true);
        if (InvoiceCopy().IsMatch(lower))
            return new("invoice_copy", "I can't send invoices or receipts from here.",
                "As our help center's \"Invoices and receipts\" article explains, every order's invoice can be downloaded as a PDF under Account, then Orders, by choosing \"Invoice\".", false);
        if (AccountDeletion().IsMatch(lower))
            return new("account_deletion", "I can't close or delete an account from here.",
                "Our help center's \"Closing your account and deleting your data\" article explains that you can do it under Account, then Privacy, by choosing \"Close account\".", false);
        return null;
    }

    /// <summary>"change the name on my order to my wife's", "the recipient should be ...", "wrong house number".</summary>
    [GeneratedRegex(@"\b(?:change|changing|correct|fix|update|edit|put)\b[^.?!\n]{0,30}\b(?:name|recipient|house\s+number|street\s+number|flat\s+number|apartment\s+number|apt\s+number|zip|postcode|post\s+code|postal\s+code)\b|\bwrong\s+(?:house|street|flat|apartment|apt|unit)\s+(?:number|no)\b|\b(?:house|street|flat|apartment)\s+number\b[^.?!\n]{0,30}\bshould\s+be\b")]
    private static partial Regex RecipientChange();

    /// <summary>"can the courier leave it with my neighbour", "leave it at the back door", "deliver it on Saturday instead".</summary>
    [GeneratedRegex(@"\bleave\b[^.?!\n]{0,40}\b(?:with|at|by|behind|in)\b[^.?!\n]{0,25}\b(?:neighbou?r|neighbou?rs|porch|door|reception|concierge|garage|shed|safe\s+place|mailroom|building)\b|\bsafe\s+place\b|\b(?:deliver|bring|send)\s+(?:it|them|the\s+\w+)?\s*(?:on|next)\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|another\s+day)\b|\bhold\s+(?:it|the\s+parcel|the\s+package)\s+at\b")]
    private static partial Regex DeliveryInstructions();

    /// <summary>"upgrade 1476 to express", "switch to next-day shipping", "can you expedite it".</summary>
    [GeneratedRegex(@"\b(?:upgrade|switch|change|move|bump)\b[^.?!\n]{0,40}\b(?:express|expedited|overnight|next[\s-]day|priority|faster)\b|\bexpedite\b|\bspeed\s+(?:it|the\s+delivery|up\s+(?:the\s+)?(?:delivery|shipping))\b")]
    private static partial Regex ShippingUpgrade();

    /// <summary>"it's now $30 cheaper on your site, refund the difference", "price dropped", "price adjustment".</summary>
    [GeneratedRegex(@"\b(?:price\s+(?:drop|dropped|went\s+down|is\s+lower|adjustment|match)|(?:now|is)\s+(?:\$?\d+\S*\s+)?cheaper|on\s+sale\s+now|refund\s+(?:me\s+)?the\s+difference|the\s+difference\s+back)\b")]
    private static partial Regex PriceAdjustment();

    /// <summary>A question about how something is done ("how do I cancel an order?"), which the help center answers.</summary>
    public static bool IsHowTo(string? text) => text is not null && HowTo().IsMatch(text);

    [GeneratedRegex(@"^\W*(?:hi|hello|hey)?[\s,!]*(?:how\s+(?:do|can|would|should|could)\s+(?:i|we|you|one)|how\s+to|what(?:'s|\s+is)\s+the\s+(?:way|process|policy)|is\s+it\s+possible\s+to|can\s+i\s+(?:still\s+)?\w+\s+(?:an|a)\s+order|where\s+(?:do|can)\s+i\s+(?:find|get|download))\b", RegexOptions.IgnoreCase)]
    private static partial Regex HowTo();

    [GeneratedRegex(@"\b(?:change|changing|update|updating|correct|correcting|fix|edit|amend|modify|wrong|typo\s+in|mistake\s+in|new)\b[^.?!\n]{0,40}\b(?:delivery|shipping|postal|mailing|street)?\s*address\b(?!\s+(?:bar|book))|\b(?:send|ship|deliver|redirect|reroute|re-route)\b[^.?!\n]{0,30}\b(?:to\s+)?(?:a\s+)?(?:different|another|other|new|my\s+new|my\s+work|my\s+office)\s+(?:address|place|location)\b|\bi\s+(?:have\s+)?moved\b[^.?!\n]{0,40}\b(?:order|parcel|package|address|deliver)")]
    private static partial Regex AddressChange();

    [GeneratedRegex(@"\b(?:cancel|cancelling|canceling|cancellation\s+of|call\s+off)\b\s+(?:my|the|an|order|#?\d{4}|this\s+order|that\s+order)\b(?![^.?!\n]{0,20}\b(?:subscription|newsletter|emails?)\b)|\b(?:want|like|need|wish|trying|how)\s+(?:to\s+)?(?:do\s+i\s+)?cancel\b(?![^.?!\n]{0,20}\b(?:subscription|newsletter|emails?)\b)|\bplease\s+cancel\b")]
    private static partial Regex Cancellation();

    [GeneratedRegex(@"\bexchange\b|\bswap\b[^.?!\n]{0,30}\b(?:for|with)\b|\b(?:different|another|other|bigger|smaller|larger)\s+(?:size|colou?r|variant)\b|\btrade\s+(?:it|them|this)\s+(?:in\s+)?for\b")]
    private static partial Regex Exchange();

    [GeneratedRegex(@"\b(?:charged|billed|debited|taken|paid)\b[^.?!\n]{0,30}\b(?:twice|two\s+times|2\s+times|double|three\s+times)\b|\bdouble[\s-]+(?:charged|charge|billed|billing|payment)\b|\b(?:two|2|duplicate|duplicated)\s+(?:identical\s+)?(?:charges|payments|transactions)\b|\bduplicate\s+charge\b")]
    private static partial Regex DoubleCharge();

    [GeneratedRegex(@"\b(?:invoice|invoices|receipt|receipts|vat\s+invoice|tax\s+invoice|bill\s+copy)\b")]
    private static partial Regex InvoiceCopy();

    [GeneratedRegex(@"\b(?:delete|deleting|close|closing|remove|deactivate|terminate|cancel|erase|wipe|get\s+rid\s+of)\b[^.?!\n]{0,20}\b(?:my\s+)?(?:account|profile|personal\s+data|my\s+data|all\s+my\s+data)\b|\bright\s+to\s+be\s+forgotten\b|\bgdpr\s+(?:deletion|erasure|request)\b")]
    private static partial Regex AccountDeletion();
}
