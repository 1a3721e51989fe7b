// The optional map of the directory's results (templates/directory/_results_map.html), drawn
// with the vendored Leaflet. The page says everything without it: the map is shown only once
// this script runs. Its places come from the page (never a confidential location).
(function () {
  "use strict";
  var section = document.querySelector("[data-results-map]");
  if (!section || !window.L) {
    return;
  }
  section.hidden = false;
  var element = document.getElementById("results-map");
  var data = document.getElementById("results-map-points");
  if (!element || !data) {
    return;
  }
  var points = JSON.parse(data.textContent);
  var map = window.L.map(element, { keyboard: true, scrollWheelZoom: false });
  window.L.tileLayer(element.dataset.tiles, {
    attribution: element.dataset.attribution,
    maxZoom: 18,
  }).addTo(map);
  var bounds = [];
  points.forEach(function (point) {
    var popup = document.createElement("div");
    var link = document.createElement("a");
    link.href = point.url;
    link.textContent = point.name;
    popup.appendChild(link);
    if (point.place) {
      var place = document.createElement("p");
      place.textContent = point.place;
      popup.appendChild(place);
    }
    var label = point.place ? point.name + " (" + point.place + ")" : point.name;
    window.L.marker([point.lat, point.lon], { alt: label, title: label, keyboard: true })
      .bindPopup(popup)
      .addTo(map);
    bounds.push([point.lat, point.lon]);
  });
  map.fitBounds(bounds, { padding: [24, 24], maxZoom: 13 });
})();
