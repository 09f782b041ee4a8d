/* conflictwatch dashboard: DOM and fetch helpers. Untrusted text only ever goes through
   textContent / createTextNode, never innerHTML, so a report containing <script> shows as text. */
"use strict";

const CW = {};

CW.el = function (tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children) CW.append(node, child);
  return node;
};

CW.append = function (node, child) {
  if (child === null || child === undefined) return;
  if (Array.isArray(child)) child.forEach((c) => CW.append(node, c));
  else if (child instanceof Node) node.appendChild(child);
  else node.appendChild(document.createTextNode(String(child)));
};

CW.svg = function (tag, attrs, ...children) {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, value);
  for (const child of children) CW.append(node, child);
  return node;
};

CW.clear = function (node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
};

CW.status = function (message) {
  document.getElementById("status").textContent = message || "";
};

CW.fmt = function (value) {
  return value === null || value === undefined ? "–" : String(value);
};

CW.place = function (location) {
  if (!location) return "–";
  return [location.name, location.admin1].filter(Boolean).join(", ");
};

/* GET a JSON path of the API; asks once for the token when reads are protected. */
CW.get = async function (path) {
  const headers = { Accept: "application/json" };
  const token = sessionStorage.getItem("cw-token");
  if (token) headers.Authorization = "Bearer " + token;
  const response = await fetch(path, { headers });
  if (response.status === 401 && !CW.askedToken) {
    CW.askedToken = true;
    const entered = window.prompt("This conflictwatch needs an API token to read:");
    if (entered) {
      sessionStorage.setItem("cw-token", entered);
      return CW.get(path);
    }
  }
  const body = await response.json();
  if (!response.ok) throw new Error(`${body.code || response.status}: ${body.error || "error"}`);
  return body;
};
