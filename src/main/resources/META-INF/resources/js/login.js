// Shows the error banner after a failed login (the form-auth error page is login.html?error=1).
if (new URLSearchParams(window.location.search).has('error')) {
  document.getElementById('login-error').hidden = false;
}
