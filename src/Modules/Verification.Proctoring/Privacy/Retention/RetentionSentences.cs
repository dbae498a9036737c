using System.Globalization;

namespace Verification.Proctoring.Privacy.Retention;

/// <summary>
/// The consent text's retention sentence in each language the consent is translated into (migration 0011), with the
/// configured periods written in that language; any other language gets the English sentence.
/// </summary>
internal static class RetentionSentences
{
    private sealed record Language(string Sentence, Func<int, string> Days);

    private static readonly Dictionary<string, Language> Languages = new(StringComparer.Ordinal)
    {
        ["en"] = new(
            "We keep the photo of your ID for at most {id} after you finish enrolling, and your profile {profile} after your last certificate track ends "
            + "(at most {last} after your last activity), with a few pictures of your face from enrolling, for the person who reviews a flagged assessment. "
            + "Photos kept as evidence go {evidence} after their review closes. The full schedule is at /privacy/retention.",
            days => Days(days, "1 day", "{0} days", "1 year ({1} days)", "{0} years ({1} days)")),
        ["zh-CN"] = new(
            "您的证件照片最多在您完成注册后保留 {id}，您的档案在您最后一个证书课程结束后保留 {profile}（最多在您最后一次活动后保留 {last}），"
            + "同时保留几张您注册时的面部照片，供审核被标记测验的人员比对。作为证据保留的照片在其审核结束 {evidence} 后删除。完整的保留期限见 /privacy/retention。",
            days => Days(days, "1 天", "{0} 天", "1 年（{1} 天）", "{0} 年（{1} 天）")),
        ["hi"] = new(
            "हम आपके पहचान पत्र की तस्वीर नामांकन पूरा होने के बाद अधिकतम {id} तक रखते हैं, और आपकी प्रोफ़ाइल आपके अंतिम प्रमाणपत्र ट्रैक के समाप्त होने के बाद {profile} तक "
            + "(आपकी अंतिम गतिविधि के बाद अधिकतम {last}), नामांकन के समय की आपके चेहरे की कुछ तस्वीरों के साथ, ताकि चिह्नित मूल्यांकन की समीक्षा करने वाला व्यक्ति तुलना कर सके। "
            + "साक्ष्य के रूप में रखी गई तस्वीरें उनकी समीक्षा बंद होने के {evidence} बाद हटा दी जाती हैं। पूरी समय-सारणी /privacy/retention पर है।",
            days => Days(days, "1 दिन", "{0} दिन", "1 वर्ष ({1} दिन)", "{0} वर्ष ({1} दिन)")),
        ["ar"] = new(
            "نحتفظ بصورة وثيقة هويتك مدة أقصاها {id} بعد إتمام تسجيلك، وبملفك مدة {profile} بعد انتهاء آخر مسار شهادة لك "
            + "(وبحد أقصى {last} بعد آخر نشاط لك)، مع بعض صور وجهك من التسجيل، للشخص الذي يراجع تقييمًا عليه علامة. "
            + "تُحذف الصور المحفوظة كدليل بعد {evidence} من إغلاق مراجعتها. الجدول الكامل في /privacy/retention.",
            days => Days(days, "يوم واحد", "{0} يوم", "سنة واحدة ({1} يوم)", "{0} سنوات ({1} يوم)")),
        ["es"] = new(
            "Guardamos la foto de tu documento como máximo {id} después de que termines de inscribirte, y tu perfil {profile} después de que termine tu último "
            + "programa de certificado (como máximo {last} después de tu última actividad), con algunas fotos de tu cara de la inscripción, para la persona "
            + "que revisa una evaluación marcada. Las fotos guardadas como prueba se borran {evidence} después de que se cierre su revisión. "
            + "El calendario completo está en /privacy/retention.",
            days => Days(days, "1 día", "{0} días", "1 año ({1} días)", "{0} años ({1} días)")),
    };

    public static string For(string language, RetentionSettings settings)
    {
        var words = Languages.GetValueOrDefault(language) ?? Languages["en"];
        return words.Sentence
            .Replace("{id}", words.Days(settings.IdPhotoDays), StringComparison.Ordinal)
            .Replace("{profile}", words.Days(settings.TemplateDaysAfterLastTrackEnds), StringComparison.Ordinal)
            .Replace("{last}", words.Days(settings.TemplateDaysAfterLastInteraction), StringComparison.Ordinal)
            .Replace("{evidence}", words.Days(settings.EvidenceGraceDays), StringComparison.Ordinal);
    }

    private static string Days(int days, string one, string many, string oneYear, string years) => days switch
    {
        1 => one,
        365 => string.Format(CultureInfo.InvariantCulture, oneYear, 1, days),
        _ when days % 365 == 0 => string.Format(CultureInfo.InvariantCulture, years, days / 365, days),
        _ => string.Format(CultureInfo.InvariantCulture, many, days),
    };
}
