using System.Text.RegularExpressions;

namespace SupportAgent.Offline.Understanding;

/// <summary>The patterns behind <see cref="InputGuard"/>, over lower-cased text.</summary>
internal static class GuardRules
{
    private const RegexOptions Options = RegexOptions.Compiled | RegexOptions.Multiline;

    public static readonly Regex[] Injection =
    [
        // "ignore previous instructions", "disregard your rules", "forget everything you were told"
        new(@"\b(?:ignore|disregard|forget|bypass|override|skip)\b[^.?!\n]{0,30}\b(?:previous|prior|above|earlier|preceding|all|any|your|the|these|those|system|initial|original)\b[^.?!\n]{0,20}\b(?:instructions?|rules|prompts?|directions|guidelines|guardrails|restrictions|programming|constraints|limits?)\b|\bforget\s+(?:everything|all)\s+(?:you\s+(?:were|have\s+been)\s+told|above|before)", Options),
        // role changes: "you are now", "from now on you", "pretend you are", "act as my lawyer"
        new(@"\byou\s+are\s+now\s+(?:a|an|my|the|dan|in|free|unrestricted|called|named)\b|\byou'?re\s+(?:now\s+)?dan\b|\bfrom\s+now\s+on,?\s+(?:you|respond|answer|act)\b|\byou(?:'re|\s+are)\s+no\s+longer\b|\bact\s+as\s+(?:a|an|my|the|if)\b|\bpretend\s+(?:to\s+be|you(?:'re|\s+are)?|that\s+you)\b|\brole[\s-]?play\b|\blet'?s\s+play\s+a\s+game\b|\bnew\s+(?:persona|identity)\b", Options),
        // prompt exfiltration
        new(@"\b(?:system|hidden|initial|original|secret|internal|developer)\s+(?:prompt|instructions?|message)\b|\b(?:reveal|show|print|repeat|display|output|leak|dump|tell\s+me|give\s+me)\b[^.?!\n]{0,20}\byour\s+(?:prompt|instructions|system\s+message|configuration|rules)\b|\b(?:reveal|print|leak|dump)\b[^.?!\n]{0,20}\bthe\s+(?:prompt|system\s+message|instructions)\b|\bprompt\s+you\s+(?:were|have\s+been)\s+given\b|\brepeat\s+(?:everything|all|the\s+(?:text|words))\s+(?:above|before)\b|\bwhat\s+were\s+you\s+told\b", Options),
        // jailbreak vocabulary
        new(@"\bdeveloper\s+mode\b|\bjailbr[eo]a?k\w*|\bdo\s+anything\s+now\b|\bdan\s+(?:mode|prompt|ready)\b|\bas\s+dan\b|\b(?:respond|answer|reply|talk|act|operate|behave)\b[^.?!\n]{0,20}\b(?:without|with\s+no)\s+(?:any\s+)?(?:restrictions|rules|filters|limits|guidelines)\b|\bunrestricted\s+(?:assistant|ai|mode|bot)\b|\bunfiltered\b|\bgod\s*mode\b|\bsudo\b|\badmin\s+(?:mode|override|access|rights|privileges)\b", Options),
        // fake conversation markup
        new(@"<\s*/?\s*(?:system|assistant|instructions?|im_start|im_end|prompt)\b[^>]*>|<\|im_(?:start|end)\|>|\[/?(?:system|inst|sys)\]|^\s*#{1,4}\s*(?:system|instructions?)\b|^\s*(?:system|assistant)\s*:", Options),
        // claimed authority plus an action: "as an admin refund $5000", "this is the developer, bypass the limit"
        new(@"\b(?:i\s*am|i'm|im|this\s+is|as|speaking\s+as)\s+(?:the|a|an|your)?\s*(?:store\s+|site\s+|system\s+|super\s*)?(?:admin|administrator|developer|dev|moderator|northwind\s+employee|support\s+manager|store\s+owner|shop\s+owner|root)\b[^\n]{0,80}\b(?:refund|authori[sz]|approv|grant|override|bypass|cap\b|limit|unlock|disable|permission|all\s+orders|database)|\bauthori[sz]ed\s+by\s+(?:management|the\s+admin|an\s+admin|the\s+developer)", Options),
        // another customer's data
        new(@"\bcust[_-]?\d{2,}\b|\b(?:show|list|give|tell|get|send|access|see|view|read|dump|export|pull\s+up|look\s+up)\b[^.?!\n]{0,40}\b(?:another|other|different|every|all\s+(?:the\s+)?)\s+(?:customers?|users?|accounts?|people'?s)\b|\b(?:customer|user)\s+(?:database|list|table|records)\b|\b(?:email|e-mail|address|phone(?:\s+number)?|full\s+name|card\s+number|details)\s+of\s+(?:the\s+)?(?:customer|person|buyer|user)\s+(?:who|on|that|for)\b|\bsomeone\s+else'?s\s+order\s+(?:details|info|history)\b", Options),
    ];

    public static readonly Regex InstructionWords = new(
        @"\b(?:ignore|instructions?|prompt|system|admin|override|reveal|bypass|refund|jailbreak)\b", RegexOptions.Compiled);

    public static readonly Regex DecodeRequest = new(@"\b(?:decode|base64|execute|run)\b", RegexOptions.Compiled);

    /// <summary>Any of these and the message is about the store, whatever else it says: never off-topic.</summary>
    public static readonly Regex StoreVocabulary = new(
        @"\b(?:orders?|ordr|oder|parcels?|packages?|pakage|deliver\w*|shipping|ship|shipped|shipment|refund\w*|returns?|returned|exchange|account|password|log\s?in|sign\s?in|invoice|receipt|gift\s*cards?|warranty|northwind|items?|products?|purchase\w*|bought|discount|promo|coupon|checkout|cart|track\w*|courier|carrier|payment|charged?|newsletter|manual|sofa|lamp|kettle|chair|table|rug|blender|furniture|mattress|duvet|candles?)\b",
        RegexOptions.Compiled);

    public static readonly Regex[] OffTopic =
    [
        new(@"\b(?:write|compose|create|generate|draft|make\s+up)\b[^.?!\n]{0,25}\b(?:poem|poetry|haiku|limerick|story|stories|essay|song|lyrics|rap|novel|joke|speech|cover\s+letter|love\s+letter|blog\s+post|article|tweet|script|program|code|function|sql|query|regex)\b", Options),
        new(@"\b(?:python|javascript|typescript|java|c\+\+|c#|golang|html|css|sql|php|ruby|kotlin)\b[^.?!\n]{0,30}\b(?:code|script|function|program|bug|error|class|query)\b|\b(?:code|script|function|program)\b[^.?!\n]{0,30}\b(?:python|javascript|typescript|java|sql|html|css|php)\b|\bdebug\s+my\b|\bfix\s+my\s+(?:code|script|program)\b", Options),
        new(@"\bhomework\b|\bsolve\b[^.?!\n]{0,30}(?:equation|problem|for\s+x|\d)|\b\d+\s*(?:[x*/+^-]|times|divided\s+by|plus|minus)\s*\d+\s*(?:=|\?|$)|\bequation\b|\bcalculus\b|\balgebra\b|\bderivative\b", Options),
        new(@"\bcapital\s+of\b|\bpresident\s+of\b|\bprime\s+minister\b|\belections?\b|\bwho\s+(?:won|will\s+win|is\s+going\s+to\s+win)\b|\bworld\s+cup\b|\bsuper\s+bowl\b|\bfootball\s+player\b|\bpopulation\s+of\b|\bmeaning\s+of\s+life\b|\bquantum\b|\brelativity\b|\bhoroscope\b|\bstocks?\s+(?:should|to\s+buy|tips?|price)|\bwhat\s+stocks\b|\bbitcoin\s+price\b|\bweather\b|\bforecast\b|\brecipe\b|\bhow\s+(?:do\s+i|to)\s+(?:cook|bake)\b|\btranslate\b|\bsummari[sz]e\s+(?:this|the)\s+(?:article|text|book|paper)\b|\bplan\s+(?:a|my)\s+(?:trip|vacation|holiday)\b|\brecommend\s+(?:a|me\s+a)\s+(?:good\s+)?(?:movie|film|book|show|series|restaurant)\b|\btell\s+me\s+a\s+joke\b|\bsing\s+(?:me\s+)?a\s+song\b|\bfix\s+my\s+car\b|\bcar'?s\s+brakes\b|\bfrench\s+revolution\b|\bclimate\s+change\b|\bbest\s+(?:phone|laptop|car)\b|\btheory\s+of\b", Options),
    ];
}
