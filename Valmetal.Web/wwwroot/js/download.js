// Saves text the page already holds (a device's certificate and key, returned once by the API) as a file,
// without sending it anywhere again.
window.valmetalDownload = (fileName, text) => {
  const url = URL.createObjectURL(new Blob([text], { type: "application/x-pem-file" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
};
