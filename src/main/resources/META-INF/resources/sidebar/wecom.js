// WeCom (企业微信) chat-toolbar integration: detection, the JS-SDK and sending into the open chat.
//
// The JS-SDK is loaded from Tencent only when the user agent says wxwork, i.e. inside WeCom's
// webview where it bridges to the native client; browsers and the headless tests never fetch it.
// NOTE: WeCom only lets sendChatMessage / getCurExternalContact through after wx.config and
// wx.agentConfig with server-side signatures (jsapi_ticket). ChatGuard does not sign yet, so on
// a real client these calls fail with a permission error and the page falls back to the clipboard.

const SDK_URL = 'https://res.wx.qq.com/open/js/jweixin-1.2.0.js';
const CONTEXT_TIMEOUT_MS = 1500;

let sdkLoading = null;

/** Whether the page runs inside the WeCom client (desktop or mobile). */
export function inWeCom() {
  return /wxwork/i.test(navigator.userAgent);
}

function hasSdk() {
  return (window.wx && typeof window.wx.invoke === 'function')
    || (window.ww && typeof window.ww.sendChatMessage === 'function');
}

/** Resolves true once a usable JS-SDK is present; loads it only inside WeCom. Never rejects. */
export function loadSdk() {
  if (!inWeCom()) return Promise.resolve(false);
  if (hasSdk()) return Promise.resolve(true);
  if (!sdkLoading) {
    sdkLoading = new Promise(resolve => {
      const script = document.createElement('script');
      script.src = SDK_URL;
      script.onload = () => resolve(hasSdk());
      script.onerror = () => resolve(false);
      document.head.appendChild(script);
    });
  }
  return sdkLoading;
}

/** Whether sendChatMessage can be attempted: inside WeCom with the SDK present. */
export function canSendInChat() {
  return inWeCom() && hasSdk();
}

function invoke(name, params) {
  return new Promise((resolve, reject) => {
    window.wx.invoke(name, params, res => {
      const msg = res && res.err_msg;
      if (msg === name + ':ok') resolve(res); else reject(new Error(msg || name + ':fail'));
    });
  });
}

/** Sends a text message into the chat whose toolbar opened the page. Rejects with WeCom's err_msg. */
export function sendChatMessage(content) {
  const message = { msgtype: 'text', text: { content } };
  if (window.wx && typeof window.wx.invoke === 'function') {
    return invoke('sendChatMessage', message).then(() => undefined);
  }
  // The newer @wecom/jssdk exposes the same call as a promise.
  return window.ww.sendChatMessage(message).then(() => undefined, e => {
    throw new Error((e && (e.errMsg || e.err_msg)) || String(e));
  });
}

function withTimeout(promise) {
  return Promise.race([promise, new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), CONTEXT_TIMEOUT_MS))]);
}

/**
 * Who the open chat is with, for the precheck's evidence record: {receivers: [external userid], roomId}.
 * Best effort: empty when outside WeCom or when the client refuses.
 */
export async function chatContext() {
  const context = { receivers: [], roomId: '' };
  if (!inWeCom() || !(window.wx && typeof window.wx.invoke === 'function')) return context;
  try {
    const contact = await withTimeout(invoke('getCurExternalContact', {}));
    if (contact.userId) context.receivers = [String(contact.userId)];
  } catch (_) { /* not a 1:1 customer chat, or no permission */ }
  try {
    const chat = await withTimeout(invoke('getCurExternalChat', {}));
    if (chat.chatId) context.roomId = String(chat.chatId);
  } catch (_) { /* not a customer group chat, or no permission */ }
  return context;
}
