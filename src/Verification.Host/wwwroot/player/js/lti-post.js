// The tool's page that carries LtiStartAssessment: submits its form to the platform as soon as it loads. The form's
// button stays for a browser that does not run it.
document.getElementById("lti-start-assessment").submit();
