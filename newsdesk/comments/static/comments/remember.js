// Fills the comment form's name and website from the `newsdesk_comment_author` cookie that
// posting with "Save my name and website" set (newsdesk/comments/commenters.py). The page
// itself is the same for everyone (it may come from a shared cache): only this browser reads
// the cookie, here. The email is never saved.
(function () {
  "use strict";
  var form = document.getElementById("commentform");
  var match = document.cookie.match(/(?:^|;\s*)newsdesk_comment_author=([^;]*)/);
  if (!form || !match) return;
  var saved;
  try {
    saved = JSON.parse(decodeURIComponent(match[1]));
  } catch (error) {
    return;
  }
  function fill(name, value) {
    var field = form.elements[name];
    if (field && !field.value && typeof value === "string") field.value = value;
  }
  fill("author_name", saved.name);
  fill("author_url", saved.url);
  if (form.elements.remember) form.elements.remember.checked = true;
})();
