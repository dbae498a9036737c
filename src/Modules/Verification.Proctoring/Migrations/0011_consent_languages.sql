-- The consent text in each language the course player speaks. Each (version, language) is a text of its own: a learner
-- accepts the words they read, so the acceptance records the language beside the version. English is the version's
-- own text in consent_texts; a version without a translation is shown, and accepted, in English.
CREATE TABLE proctoring.consent_translations (
    version      integer     NOT NULL REFERENCES proctoring.consent_texts (version),
    language     text        NOT NULL CHECK (language ~ '^[a-z]{2,3}(-[A-Z]{2})?$' AND language <> 'en'),
    text         text        NOT NULL,
    published_at timestamptz NOT NULL,
    PRIMARY KEY (version, language)
);

ALTER TABLE proctoring.consents ADD COLUMN language text NOT NULL DEFAULT 'en';

INSERT INTO proctoring.consent_translations (version, language, text, published_at) VALUES
(1, 'zh-CN',
    '为了核实获得本证书的是您本人，我们在征得您同意后收集：几张您面部的摄像头照片、一张您带照片证件的照片，以及您输入一句简短承诺时的打字节奏。'
    || '我们据此建立身份档案（描述您面部和打字特征的数字，加密存储），并在评分测验期间与摄像头照片和打字进行比对。机器永远不会拒绝您：'
    || '当核验结果不确定时，由人工审核。{retention} '
    || '您可以随时撤回此同意，收集会立即停止。您可以索取您的数据副本或要求删除。如果您不希望进行生物特征核验，请选择人工证件审核或旁听方式。',
    '2026-11-30T00:00:00Z'),
(1, 'hi',
    'यह पुष्टि करने के लिए कि यह प्रमाणपत्र अर्जित करने वाले व्यक्ति आप ही हैं, हम आपकी सहमति से एकत्र करते हैं: वेबकैम से आपके चेहरे की कुछ तस्वीरें, '
    || 'आपके फ़ोटो पहचान पत्र की एक तस्वीर, और एक छोटी प्रतिज्ञा टाइप करने की आपकी लय। इनसे हम एक पहचान प्रोफ़ाइल बनाते हैं (आपके चेहरे और टाइपिंग का '
    || 'वर्णन करने वाली संख्याएँ, एन्क्रिप्ट करके रखी गईं) और आपके मूल्यांकनों के दौरान वेबकैम तस्वीरों और टाइपिंग से उसकी तुलना करते हैं। कोई मशीन आपको कभी '
    || 'अस्वीकार नहीं करती: जब जाँच अनिश्चित हो, तो एक व्यक्ति उसकी समीक्षा करता है। {retention} '
    || 'आप यह सहमति कभी भी वापस ले सकते हैं; संग्रह तुरंत रुक जाता है। आप अपने डेटा की प्रति या उसे मिटाने का अनुरोध कर सकते हैं। यदि आप बायोमेट्रिक जाँच '
    || 'नहीं चाहते, तो इसके बजाय पहचान पत्र की मैन्युअल समीक्षा या ऑडिट ट्रैक चुनें।',
    '2026-11-30T00:00:00Z'),
(1, 'ar',
    'للتحقق من أنك الشخص الذي ينال هذه الشهادة، نجمع بموافقتك: بعض صور وجهك من الكاميرا، وصورة لوثيقة هويتك التي تحمل صورتك، وإيقاع كتابتك '
    || 'لتعهد قصير. ونبني منها ملف هوية (أرقام تصف وجهك وكتابتك، محفوظة مشفرة) ونقارنه بصور الكاميرا والكتابة أثناء تقييماتك. لا ترفضك '
    || 'الآلة أبدًا: عندما يكون التحقق غير مؤكد يراجعه شخص. {retention} '
    || 'يمكنك سحب هذه الموافقة في أي وقت، فيتوقف الجمع فورًا. ويمكنك طلب نسخة من بياناتك أو محوها. إذا كنت لا تريد التحقق البيومتري، '
    || 'فاختر المراجعة اليدوية للهوية أو مسار الاستماع بدلًا من ذلك.',
    '2026-11-30T00:00:00Z'),
(1, 'es',
    'Para verificar que eres la persona que obtiene este certificado, recogemos, con tu consentimiento: unas fotos de tu cara tomadas con la '
    || 'cámara, una foto de tu documento de identidad con foto y el ritmo con que escribes un breve compromiso. Con ellos creamos un perfil de '
    || 'identidad (números que describen tu cara y tu escritura, guardados cifrados) y lo comparamos con las fotos de la cámara y tu escritura '
    || 'durante tus evaluaciones. Una máquina nunca te rechaza: cuando una comprobación no es segura, la revisa una persona. {retention} '
    || 'Puedes retirar este consentimiento en cualquier momento; la recogida se detiene en el acto. Puedes pedir una copia de tus datos o su '
    || 'borrado. Si no quieres comprobaciones biométricas, elige la revisión manual del documento o el modo oyente.',
    '2026-11-30T00:00:00Z');
