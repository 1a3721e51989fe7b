// The optional map of the directory's results (templates/directory/_results_map.html), drawn
// with the vendored Leaflet. The page says everything without it: the map is shown only once
// this script runs. Its places are every result's of the search (the first ones, up to a
// limit the page states), read from the directory's map address with the page's own search;
// a confidential location is never among them.
(function () {
  "use strict";
  var section = document.querySelector("[data-results-map]");
  var element = document.getElementById("results-map");
  if (!section || !element || !window.L || !window.fetch) {
    return;
  }
  section.hidden = false;

  function show(selector, shown) {
    var node = section.querySelector(selector);
    if (node) {
      node.hidden = !shown;
    }
  }

  function draw(points) {
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
  }

  fetch(element.dataset.points, { credentials: "same-origin", headers: { Accept: "application/json" } })
    .then(function (response) {
      if (!response.ok) {
        throw new Error(response.status);
      }
      return response.json();
    })
    .then(function (data) {
      show("[data-map-capped]", data.capped);
      if (!data.points.length) {
        show("[data-map-empty]", true);
        show("[data-map-keys]", false);
        element.hidden = true;
        return;
      }
      draw(data.points);
    })
    .catch(function () {
      section.hidden = true; // the list says everything the map would
    });
})();
