-- Consent text version 2: version 1 named only the typing of a short phrase, so it does not cover the rhythm of the
-- answers typed during graded assessments (SendAnswerTyping). Version 2 names it and covers answer_typing besides
-- what version 1 covers. Acceptances of version 1 keep their meaning: face, ID photo and pledge typing, no answer
-- typing. The player offers version 2 to a learner whose live acceptance is older; until they accept it their answer
-- typing is refused (answer_typing_not_consented) and everything else goes on as before.
INSERT INTO proctoring.consent_texts (version, text, covers, published_at) VALUES (
    2,
    'To verify that you are the person earning this certificate, we collect, with your consent: '
    || 'a few webcam pictures of your face, a photo of your photo ID, the rhythm of your typing of a short phrase, and the '
    || 'rhythm of your typing of the answers you write during graded assessments (which group of keys and when, never what '
    || 'you write). From them we build an identity profile (numbers describing your face and your typing, stored encrypted) and '
    || 'compare it with webcam pictures and typing during your graded assessments. A machine never rejects you: '
    || 'when a check is unsure, a person reviews it. {retention} '
    || 'You can withdraw this consent at any time; collection stops at once. You can ask for a copy of your data or '
    || 'its erasure. If you do not want biometric checks, choose the manual ID review or the audit track instead.',
    ARRAY['face', 'id_photo', 'typing', 'answer_typing'],
    '2026-12-01T00:00:00Z'
);

INSERT INTO proctoring.consent_translations (version, language, text, published_at) VALUES
(2, 'zh-CN',
    '为了核实获得本证书的是您本人，我们在征得您同意后收集：几张您面部的摄像头照片、一张您带照片证件的照片、您输入一句简短承诺时的打字节奏，'
    || '以及您在评分测验中输入答案时的打字节奏（只记录按的是哪一组键以及按键的时间，绝不记录您写的内容）。'
    || '我们据此建立身份档案（描述您面部和打字特征的数字，加密存储），并在评分测验期间与摄像头照片和打字进行比对。机器永远不会拒绝您：'
    || '当核验结果不确定时，由人工审核。{retention} '
    || '您可以随时撤回此同意，收集会立即停止。您可以索取您的数据副本或要求删除。如果您不希望进行生物特征核验，请选择人工证件审核或旁听方式。',
    '2026-12-01T00:00:00Z'),
(2, 'hi',
    'यह पुष्टि करने के लिए कि यह प्रमाणपत्र अर्जित करने वाले व्यक्ति आप ही हैं, हम आपकी सहमति से एकत्र करते हैं: वेबकैम से आपके चेहरे की कुछ तस्वीरें, '
    || 'आपके फ़ोटो पहचान पत्र की एक तस्वीर, एक छोटी प्रतिज्ञा टाइप करने की आपकी लय, और मूल्यांकनों के दौरान आपके द्वारा लिखे गए उत्तरों को टाइप करने '
    || 'की आपकी लय (केवल कौन-सा कुंजी समूह और कब, आप क्या लिखते हैं वह कभी नहीं)। इनसे हम एक पहचान प्रोफ़ाइल बनाते हैं (आपके चेहरे और टाइपिंग का '
    || 'वर्णन करने वाली संख्याएँ, एन्क्रिप्ट करके रखी गईं) और आपके मूल्यांकनों के दौरान वेबकैम तस्वीरों और टाइपिंग से उसकी तुलना करते हैं। कोई मशीन आपको कभी '
    || 'अस्वीकार नहीं करती: जब जाँच अनिश्चित हो, तो एक व्यक्ति उसकी समीक्षा करता है। {retention} '
    || 'आप यह सहमति कभी भी वापस ले सकते हैं; संग्रह तुरंत रुक जाता है। आप अपने डेटा की प्रति या उसे मिटाने का अनुरोध कर सकते हैं। यदि आप बायोमेट्रिक जाँच '
    || 'नहीं चाहते, तो इसके बजाय पहचान पत्र की मैन्युअल समीक्षा या ऑडिट ट्रैक चुनें।',
    '2026-12-01T00:00:00Z'),
(2, 'ar',
    'للتحقق من أنك الشخص الذي ينال هذه الشهادة، نجمع بموافقتك: بعض صور وجهك من الكاميرا، وصورة لوثيقة هويتك التي تحمل صورتك، وإيقاع كتابتك '
    || 'لتعهد قصير، وإيقاع كتابتك للإجابات التي تكتبها أثناء التقييمات (أي مجموعة من المفاتيح ومتى فقط، وليس ما تكتبه أبدًا). '
    || 'ونبني منها ملف هوية (أرقام تصف وجهك وكتابتك، محفوظة مشفرة) ونقارنه بصور الكاميرا والكتابة أثناء تقييماتك. لا ترفضك '
    || 'الآلة أبدًا: عندما يكون التحقق غير مؤكد يراجعه شخص. {retention} '
    || 'يمكنك سحب هذه الموافقة في أي وقت، فيتوقف الجمع فورًا. ويمكنك طلب نسخة من بياناتك أو محوها. إذا كنت لا تريد التحقق البيومتري، '
    || 'فاختر المراجعة اليدوية للهوية أو مسار الاستماع بدلًا من ذلك.',
    '2026-12-01T00:00:00Z'),
(2, 'es',
    'Para verificar que eres la persona que obtiene este certificado, recogemos, con tu consentimiento: unas fotos de tu cara tomadas con la '
    || 'cámara, una foto de tu documento de identidad con foto, el ritmo con que escribes un breve compromiso y el ritmo con que escribes las '
    || 'respuestas de tus evaluaciones (qué grupo de teclas y cuándo, nunca lo que escribes). Con ellos creamos un perfil de '
    || 'identidad (números que describen tu cara y tu escritura, guardados cifrados) y lo comparamos con las fotos de la cámara y tu escritura '
    || 'durante tus evaluaciones. Una máquina nunca te rechaza: cuando una comprobación no es segura, la revisa una persona. {retention} '
    || 'Puedes retirar este consentimiento en cualquier momento; la recogida se detiene en el acto. Puedes pedir una copia de tus datos o su '
    || 'borrado. Si no quieres comprobaciones biométricas, elige la revisión manual del documento o el modo oyente.',
    '2026-12-01T00:00:00Z');
