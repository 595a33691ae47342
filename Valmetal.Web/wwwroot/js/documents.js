// Uploads go from the browser straight to the bucket with the presigned URL the API handed out;
// the file never passes through the web server or the API.
window.valmetalDocuments = {
  describe(input) {
    const file = input.files && input.files[0];
    return file ? { name: file.name, size: file.size, type: file.type || "application/octet-stream" } : null;
  },
  async upload(input, url, headers) {
    const file = input.files[0];
    // The URL's signature covers the size declared from file.size; fetch sends the body's own Content-Length
    // (a script may not set it), so a file changed since it was chosen is refused by S3.
    const sent = { ...headers };
    delete sent["Content-Length"];
    const response = await fetch(url, { method: "PUT", headers: sent, body: file });
    return response.status;
  },
  clear(input) {
    input.value = "";
  },
};
