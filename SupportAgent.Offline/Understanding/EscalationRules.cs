using System.Text.RegularExpressions;

namespace SupportAgent.Offline.Understanding;

/// <summary>The patterns behind <see cref="EscalationSignals"/>, over lower-cased text with typos folded.</summary>
internal static partial class EscalationRules
{
    private const string Person =
        @"(?:human|person|people|agent|manager|supervisor|representative|rep|operator|employee|staff|someone|somebody|anyone|boss|team\s+member|customer\s+service|colleague|specialist|support\s+team|member\s+of\s+staff|real\s+one)s?";

    private const string StrongPerson = @"(?:human|person|agent|manager|supervisor|representative|operator|employee)s?";

    public static readonly Regex[] HumanRequests =
    [
        // Other languages: French, Spanish, German, Portuguese, Italian, Dutch ("je voudrais parler à quelqu'un").
        new(@"\bparler\s+(?:à|a|avec)\s+(?:quelqu'un|un(?:e)?\s+(?:humain|personne|conseill(?:er|ère)|agent|responsable))|\bhablar\s+con\s+(?:alguien|una\s+persona|un\s+(?:humano|agente|asesor|responsable))|\b(?:mit\s+(?:einem|einer|jemandem)\s*(?:menschen|mitarbeiter(?:in)?|person)?\s+(?:sprechen|reden))|\bfalar\s+com\s+(?:alguém|alguem|uma\s+pessoa|um\s+(?:humano|atendente))|\bparlare\s+con\s+(?:qualcuno|una\s+persona|un\s+operatore)|\bspreken\s+met\s+(?:iemand|een\s+(?:mens|medewerker))", RegexOptions.Compiled),
        // "explain it to one of your colleagues", "can I ask a person about it"
        new($@"\b(?:explain|describe|discuss|ask|tell)\b[^.?!\n]{{0,25}}?\b(?:to\s+)?(?:one\s+of\s+your|a|an|some|your)\s+(?:real\s+)?{Person}s?\b", RegexOptions.Compiled),
        // "can I speak to a manager", "transfer me to someone", "put me through to an agent"
        new($@"\b(?:talk|tlak|speak|speek|spek|speack|chat|connect|transfer|escalate|put\s+me\s+(?:through|on)|pass\s+me|forward\s+me|hand\s+me|switch\s+me|get\s+me|give\s+me|bring\s+me|find\s+me)\b[^.?!\n]{{0,30}}?\b{Person}\b", RegexOptions.Compiled),
        // "I need a human", "I want the supervisor", "can I get a real agent"
        new($@"\b(?:need|want|wanna|like|request|requesting|prefer|demand|get)\b[^.?!\n]{{0,20}}?\b(?:a|an|the|your|some|real|live|actual)\s+(?:real\s+|live\s+|actual\s+)?{StrongPerson}\b", RegexOptions.Compiled),
        new(@"\b(?:real|live|actual|living)\s+(?:human|person|people|agent|representative|operator)s?\b|\bhuman\s+(?:being|agent)s?\b", RegexOptions.Compiled),
        // The whole message is the request: "agent", "HUMAN PLEASE", "a person pls"
        new(@"^\W*(?:(?:a|an|the)\s+)?(?:human|agent|person|manager|supervisor|representative|rep|operator)s?(?:\s+(?:please|pls|plz|now|asap|needed))?\W*$", RegexOptions.Compiled),
        new(@"\b(?:human|agent|operator|representative|supervisor|manager|person)\s+(?:please|pls|plz|now|asap)\b", RegexOptions.Compiled),
        new(@"\b(?:don'?t|do\s+not|not|stop|no\s+more|enough|hate|tired\s+of|sick\s+of)\s+(?:want\s+(?:to\s+)?)?(?:talk|speak|chat|deal)(?:ing)?\s+(?:to|with)\s+(?:a|an|the|this|your)?\s*(?:bot|robot|chatbot|machine|ai|computer)s?\b|\bno\s+(?:more\s+)?(?:bots?|robots?|chatbots?)\b", RegexOptions.Compiled),
        // "call me", "give me a call", "can someone phone me back"
        new(@"\b(?:call|phone|ring)\s+me\b|\bgive\s+me\s+a\s+(?:call|ring)\b|\b(?:can|could|will|would)\s+(?:someone|somebody|anyone|you|u|a\s+person)\s+(?:please\s+)?(?:call|phone|ring)\b|\bcall\s*back\b", RegexOptions.Compiled),
        // "is a human going to read this?", "does anyone actually read these"
        new(@"\b(?:is|will|does|do|can|could|would|has)\s+(?:a|an|any|the|some|one)?\s*(?:real\s+)?(?:human|person|people|staff|employee|agent|anyone)s?\b[^.?!\n]{0,25}?\b(?:read|see|review|answer|reply|respond)", RegexOptions.Compiled),
        // "is there a person I can talk to", "anyone there who can help?", "a colleague could take over"
        new($@"\b(?:is|are)\s+there\s+(?:a|an|any|some)?\s*(?:real\s+|actual\s+|live\s+)?{Person}\b[^.?!\n]{{0,30}}\b(?:talk|speak|chat|help|deal|handle)|\b{Person}\b[^.?!\n]{{0,25}}\b(?:take\s+over|step\s+in|look\s+at\s+(?:this|my))\b", RegexOptions.Compiled),
        // "hand this over to your team", "pass my case on to a human", "escalate this", "let a person handle it"
        new($@"\b(?:hand|pass|forward|send|give|move)\s+(?:this|it|me|my\s+(?:case|issue|complaint|ticket|request))\s+(?:over\s+|on\s+|up\s+)?(?:to|off\s+to)\b[^.?!\n]{{0,20}}?\b{Person}\b|\bescalate\s+(?:this|it|my\s+(?:case|issue|complaint|ticket)|the\s+(?:case|issue|matter))\b|\blet\s+(?:a|an|some|one\s+of\s+your)\s+(?:real\s+)?{Person}\s+(?:handle|deal|sort|look)", RegexOptions.Compiled),
    ];

    /// <summary>Words about harm to someone or a hazard: always a person's matter, whatever the tone.</summary>
    public static readonly Regex Safety = new(
        @"\b(?:caught\s+fire|on\s+fire|(?:started|start|starting)\s+a\s+fire|burst\s+into\s+flames|flames?|smok(?:e|ed|ing)\s+(?:came|coming|poured|pouring)|sparks?|sparked|sparking|electric(?:al)?\s+shock|electrocuted|shocked\s+me|explod(?:ed|ing)|exploded|burn(?:ed|t)\s+(?:me|my|him|her|them|our)|injur(?:ed|y|ies)|hurt\s+(?:me|my|him|her|them|myself|himself|herself)|cut\s+(?:myself|my\s+(?:hand|finger))|bleeding|allergic\s+reaction|chok(?:ed|ing)|poison(?:ed|ing)?|toxic\s+fumes|unsafe|dangerous|hazard(?:ous)?|product\s+recall|recalled)\b",
        RegexOptions.Compiled);

    /// <summary>Near a human-request match, these mean it is something else: HR, a courier's agent, a past call.</summary>
    public static readonly Regex NotAPersonRequest = new(
        @"human\s+resources|\bhr\b|(?:delivery|courier|shipping|customs|travel|estate|insurance|booking|ups|fedex|dhl|postal|border)\s+(?:agent|person|employee|staff)|(?:spoke|talked|spoken|chatted)\s+(?:to|with)|(?:agent|manager|person|representative|rep|employee|supervisor)s?\s+(?:said|told|promised|gave|was|were|had|left|delivered|hung|refused|did)\b|(?:don'?t|do\s+not|never|stop|no\s+need\s+to|not)\s+(?:\w+\s+)?(?:call|phone|ring)\b",
        RegexOptions.Compiled);

    public static readonly Regex Anger = new(
        @"\b(?:angry|furious|livid|pissed(?:\s+off)?|outraged|mad|annoyed|irritated|frustrated|frustrating|upset|fed\s+up|sick\s+(?:and\s+tired\s+)?of|tired\s+of|disgusted|disgusting|ridiculous|rediculous|ridiculus|unacceptable|unacceptible|outrageous|horrible|horrendous|appalling|atrocious|pathetic|useless|incompetent|worst|scam|scammers?|scammed|fraud|frauds|fraudulent|bunch\s+of\s+thieves|you\s+thieves|liars?|you\s+lied|lying\s+to\s+me|robbing\s+me|daylight\s+robbery|rip[\s-]?off|ripped\s+(?:me\s+)?off|shameful|disgrace(?:ful)?|nightmare|unbelievable|not\s+acceptable|not\s+good\s+enough|enough\s+is\s+enough|had\s+enough|last\s+straw|are\s+you\s+kidding|you\s+people|waste\s+of\s+(?:my\s+)?(?:time|money)|terrible|awful|(?:this|it|you|that)\s+(?:is|are)\s+a\s+joke|what\s+a\s+joke|(?:very|extremely|so|really|deeply|utterly)\s+disappointed|for\s+god'?s\s+sake|what\s+the\s+hell)\b",
        RegexOptions.Compiled);

    /// <summary>Just before an anger word: "not angry", "I'm not upset at all", "never mad".</summary>
    public static readonly Regex NegationBefore = new(
        @"(?:\bnot|n't|\bnever|\bno|\bwithout)\s+(?:\w+\s+){0,2}$", RegexOptions.Compiled);

    public static readonly Regex[] Profanity =
    [
        new(@"\bf+u+c*k+\w*|\bf[*#@]+k\w*|\bf\*+|\bfck\w*|\bfuk\w*|\bsh[i*!1]+t+\w*|\bbull\s*sh\w+|\bcrap(?:py)?\b|\bdamn\w*|\bgoddamn\w*|\bdammit\b|\bthe\s+hell\b|\bhell\s+(?:is|are|was)\b|\bbloody\b|\bbastards?\b|\bass(?:holes?)?\b|\bbitch\w*|\bwtf\b|\bstfu\b|\bpiss(?:ed)?\b|\bidiots?\b|\bmoron(?:s|ic)?\b|\bscrew\s+(?:you|this|u)\b|\bsucks?\b|\bjackass\w*", RegexOptions.Compiled),
    ];

    public static readonly Regex[] Threats =
    [
        // Accusations of fraud or theft are a legal matter, whatever else the message asks.
        new(@"\b(?:fraud|fraudulent|fraudsters?|theft|thieves|stole|stolen\s+(?:my\s+)?money|police|attorney\s+general)\b", RegexOptions.Compiled),
        new(@"\bcharge\s*-?\s*backs?\b|\bdispute\b[^.?!\n]{0,40}\b(?:my\s+bank|card\s+company|credit\s+card\s+company|paypal|visa|mastercard|amex)\b|\b(?:go|going|went)\s+to\s+my\s+bank\b|\b(?:call|contact|phone|tell)\s+my\s+(?:bank|card\s+company|credit\s+card\s+company)\b|\breport\s+(?:you|this|your\s+company)\b|\bbbb\b|\bbetter\s+business\s+bureau\b|\btrading\s+standards\b|\bconsumer\s+(?:protection|rights|ombudsman)\b|\bftc\b|\battorneys?\b|\blawyers?\b|\bsolicitors?\b|\b(?:i'?ll|i\s+will|gonna|going\s+to)\s+sue\b|\bsue\s+(?:you|u|your|northwind)\b|\bsuing\b|\blegal\s+action\b|\bto\s+court\b|\bsmall\s+claims\b|\b(?:bad|negative|terrible|1[\s-]star|one[\s-]star)\s+reviews?\b|\b(?:post|share|tweet)\b[^.?!\n]{0,25}\b(?:twitter|facebook|instagram|tiktok|reddit|social\s+media)\b|\bnever\s+(?:shop|order|buy|purchase)(?:ing)?\b[^.?!\n]{0,25}\bagain\b|\btake\s+my\s+(?:business|money)\s+elsewhere\b|\bshop\s+elsewhere\b|\blost\s+(?:a|me\s+as\s+a)\s+customer\b|\bgo(?:ing)?\s+to\s+(?:a\s+|your\s+)?competitors?\b", RegexOptions.Compiled),
    ];

    /// <summary>"nobody ever gets back to me", "never heard back": the customer needs a person to follow up.</summary>
    public static readonly Regex Neglect = new(
        @"\b(?:nobody|no\s+one|no-one|noone)\s+(?:ever\s+|has\s+|have\s+)?(?:gets?\s+back|got\s+back|answers?|answered|responds?|responded|replies|replied|calls?\s+(?:me\s+)?back|called\s+(?:me\s+)?back|helps?|helped)\b|\bnever\s+(?:heard|hear|got|get|received)\s+(?:anything\s+)?(?:back|a\s+(?:reply|response|answer))\b|\bno\s+(?:reply|response|answer)\s+(?:from|yet|to\s+my)\b",
        RegexOptions.Compiled);

    public static readonly Regex[] RepeatedAsking =
    [
        new(@"\b(?:third|fourth|fifth|sixth|tenth|\d+(?:rd|th))\s+time\b|\b(?:ask|asking|asked|contact|contacting|contacted|write|writing|written|wrote|call|calling|called|email|emailing|emailed|message|messaged|told|tell|chatted|requested)\b[^.?!\n]{0,25}?\b(?:\d+|three|four|five|six|seven|eight|nine|ten|several|multiple|many|countless|numerous)\s+times\b|\bhow\s+many\s+times\b|\b(?:no\s*one|nobody)\s+(?:ever\s+)?(?:answers?|replies|responds?|responded|replied|gets?\s+back|got\s+back|helps?|helped|cares?|listens?)\b|\bstill\s+(?:no|haven'?t\s+(?:had|got|received|heard))\s+(?:a\s+)?(?:answer|reply|response|word)\b|\bfollowing\s+up\s+again\b|\bagain\s+and\s+again\b|\bover\s+and\s+over\b|\b(?:asked|told\s+you|explained)\s+(?:this\s+)?(?:already|before|twice|multiple\s+times)\b", RegexOptions.Compiled),
    ];

    public static readonly Regex ManyBangs = new(@"(?:[^!]*!){3}", RegexOptions.Compiled);

    public static readonly Regex Positive = new(
        @"\b(?:thanks?|thank\s+you|thx|great|awesome|amazing|love|perfect|wonderful|appreciate|excellent|happy|glad|brilliant|fantastic)\b",
        RegexOptions.Compiled);

    public static readonly Regex Letters = new(@"\p{L}+", RegexOptions.Compiled);

    public static readonly Regex RepeatedLetters = new(@"(\p{L})\1{2,}", RegexOptions.Compiled);
}
