// Suggested articles beside a contact's summary while the agent types. Progressive
// enhancement: without this file the "Find articles" button posts the form and the server
// renders the same list. Text only (textContent), so nothing from the answer runs as HTML.
(function () {
  'use strict';
  var DELAY_MS = 300;  // one request per pause in typing, not one per key
  var MIN_CHARS = 3;

  function start(box) {
    var input = document.getElementById(box.getAttribute('data-input'));
    var list = box.querySelector('.app-suggestions__list');
    var status = box.querySelector('.app-suggestions__status');
    if (!input || !list || !status || !window.fetch) {
      return;
    }
    var source = box.getAttribute('data-source');
    var timer = null;
    var latest = 0;

    function show(results) {
      while (list.firstChild) {
        list.removeChild(list.firstChild);
      }
      results.forEach(function (result) {
        var item = document.createElement('li');
        var link = document.createElement('a');
        link.className = 'govuk-link';
        link.href = result.href;
        link.target = '_blank';
        link.rel = 'noopener';
        link.textContent = result.title;
        var hidden = document.createElement('span');
        hidden.className = 'govuk-visually-hidden';
        hidden.textContent = ' (opens in a new tab)';
        link.appendChild(hidden);
        var tag = document.createElement('strong');
        tag.className = 'govuk-tag';
        tag.textContent = result.audience;
        item.appendChild(link);
        item.appendChild(document.createTextNode(' '));
        item.appendChild(tag);
        if (result.summary) {
          item.appendChild(document.createElement('br'));
          var summary = document.createElement('span');
          summary.className = 'govuk-hint';
          summary.textContent = result.summary;
          item.appendChild(summary);
        }
        list.appendChild(item);
      });
      // The live region says how many, so a screen reader user hears that the list changed.
      status.textContent = results.length === 0 ? 'No articles match the summary'
        : results.length + (results.length === 1 ? ' article suggested' : ' articles suggested');
    }

    function ask() {
      var text = input.value.trim();
      if (text.length < MIN_CHARS) {
        return;
      }
      var ticket = ++latest;
      fetch(source + '?q=' + encodeURIComponent(text), {
        credentials: 'same-origin',
        headers: { Accept: 'application/json' },
      }).then(function (response) {
        var type = response.headers.get('Content-Type') || '';
        if (!response.ok || type.indexOf('application/json') !== 0) {
          throw new Error('no suggestions');
        }
        return response.json();
      }).then(function (body) {
        if (ticket === latest) {  // an older, slower answer must not replace a newer one
          show(body.results || []);
        }
      }).catch(function () {
        // Suggestions are a help: the button still works if the request fails.
      });
    }

    input.addEventListener('input', function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(ask, DELAY_MS);
    });
  }

  var boxes = document.querySelectorAll('[data-module="app-article-suggestions"]');
  for (var i = 0; i < boxes.length; i++) {
    start(boxes[i]);
  }
})();
