// Marks the page as scripted and starts GOV.UK Frontend's components. A file, not an
// inline script, because the Content-Security-Policy allows scripts from our origin only.
(function () {
  'use strict';
  var body = document.body;
  body.classList.add('js-enabled');
  if ('noModule' in HTMLScriptElement.prototype) {
    body.classList.add('govuk-frontend-supported');
    if (window.GOVUKFrontend && window.GOVUKFrontend.initAll) {
      window.GOVUKFrontend.initAll();
    }
  }
})();
