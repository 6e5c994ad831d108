/* Root page: send the reader to the language of their browser when the site has it.
   Without JavaScript the page's meta refresh and links do the same with the default language. */
(function () {
  var have = {};
  var alt = document.querySelectorAll('link[rel="alternate"][hreflang]');
  for (var i = 0; i < alt.length; i++) have[alt[i].getAttribute('hreflang')] = true;
  var prefs = navigator.languages || [navigator.language || ''];
  for (var j = 0; j < prefs.length; j++) {
    var code = String(prefs[j]).toLowerCase().split('-')[0];
    if (have[code]) { location.replace(code + '/'); return; }
  }
}());
