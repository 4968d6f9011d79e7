// Runs inside the browser page (a classic script, no modules): the three ways a web frontend calls the
// playground from its own origin. Each returns plain values that Playwright hands back to the node test.
"use strict";

/** One gRPC-Web data frame: flag byte 0, the 4-byte big-endian length, the message. */
function frame(message) {
  const out = new Uint8Array(5 + message.length);
  new DataView(out.buffer).setUint32(1, message.length);
  out.set(message, 5);
  return out;
}

/** The frames of a gRPC-Web body; a truncated frame is an error, as it is to every client. */
function parseFrames(bytes) {
  const frames = [];
  let at = 0;
  while (at < bytes.length) {
    if (bytes.length - at < 5) {
      throw new Error(`truncated frame header at byte ${at} of ${bytes.length}`);
    }
    const length = new DataView(bytes.buffer, bytes.byteOffset + at + 1, 4).getUint32(0);
    if (at + 5 + length > bytes.length) {
      throw new Error(`frame at byte ${at} claims ${length} bytes, ${bytes.length - at - 5} left`);
    }
    frames.push({ flags: bytes[at], data: bytes.slice(at + 5, at + 5 + length) });
    at += 5 + length;
  }
  return frames;
}

/** What a gRPC-Web client makes of an answer: the messages, and the status from the trailer frame. */
function grpcWebAnswer(httpStatus, headerOf, bytes) {
  const frames = parseFrames(bytes);
  const trailerFrames = frames.filter((f) => (f.flags & 0x80) !== 0);
  const trailers = {};
  for (const f of trailerFrames) {
    for (const line of new TextDecoder().decode(f.data).split("\r\n")) {
      const colon = line.indexOf(":");
      if (colon > 0) {
        trailers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
    }
  }
  return {
    httpStatus,
    contentType: headerOf("content-type"),
    // Trailers-only answers (errors) carry the status in the headers: readable only when exposed by CORS.
    headerGrpcStatus: headerOf("grpc-status"),
    headerGrpcMessage: headerOf("grpc-message"),
    bodyBytes: bytes.length,
    messages: frames.filter((f) => (f.flags & 0x80) === 0).map((f) => Array.from(f.data)),
    trailerFrames: trailerFrames.length,
    trailers,
  };
}

/** Connect unary with JSON through fetch: {status, body (parsed), etag?}. */
window.connectJson = async function (url, request) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json", "Connect-Protocol-Version": "1" },
    body: JSON.stringify(request),
  });
  return { status: response.status, body: await response.json() };
};

/** Connect GET (a request the browser sends without a preflight): {status, etag, body}. */
window.connectGet = async function (url, request) {
  const query = new URLSearchParams({ connect: "v1", encoding: "json", message: JSON.stringify(request) });
  const response = await fetch(`${url}?${query}`);
  return { status: response.status, etag: response.headers.get("etag"), body: await response.json() };
};

/** gRPC-Web binary through fetch, the message framed here by hand. */
window.grpcWebFetch = async function (url, messageBytes) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/grpc-web+proto", "X-Grpc-Web": "1" },
    body: frame(new Uint8Array(messageBytes)),
  });
  const bytes = new Uint8Array(await response.arrayBuffer());
  return grpcWebAnswer(response.status, (name) => response.headers.get(name), bytes);
};

/**
 * An XMLHttpRequest exactly as Beam's Dart frontend sends it (grpc-dart's XhrClientConnection): POST, the
 * headers Content-Type application/grpc-web+proto, X-User-Agent grpc-web-dart/0.1, X-Grpc-Web 1, the answer
 * read as text with the charset x-user-defined (each char's low byte is a body byte), one framed message.
 * Like grpc-dart, it checks the status and content type once the headers arrive.
 * Resolves {error: "network"} when the browser fails the request (status 0), as it does for CORS.
 */
window.dartXhr = function (url, messageBytes) {
  return new Promise((resolve) => {
    const request = new XMLHttpRequest();
    request.open("POST", url);
    request.setRequestHeader("Content-Type", "application/grpc-web+proto");
    request.setRequestHeader("X-User-Agent", "grpc-web-dart/0.1");
    request.setRequestHeader("X-Grpc-Web", "1");
    request.overrideMimeType("text/plain; charset=x-user-defined");
    request.responseType = "text";
    let atHeaders = null;
    request.onreadystatechange = () => {
      if (request.readyState === XMLHttpRequest.HEADERS_RECEIVED) {
        atHeaders = { status: request.status, contentType: request.getResponseHeader("content-type") };
      }
    };
    request.onerror = () => resolve({ error: "network", status: request.status, atHeaders });
    request.onload = () => {
      const text = request.responseText;
      const bytes = new Uint8Array(text.length);
      for (let i = 0; i < text.length; i++) {
        bytes[i] = text.charCodeAt(i) & 0xff;
      }
      const answer = grpcWebAnswer(request.status, (name) => request.getResponseHeader(name), bytes);
      answer.atHeaders = atHeaders;
      resolve(answer);
    };
    request.send(frame(new Uint8Array(messageBytes)));
  });
};

/** Any promise's outcome as a value: a rejection becomes {rejected: its class name and message}. */
window.settle = async function (promise) {
  try {
    return { value: await promise };
  } catch (e) {
    return { rejected: { name: e.constructor.name, message: String(e.message) } };
  }
};
