// Each bar of the selection summary takes its width from data-width (a percentage), so the
// page needs no inline style under the Content-Security-Policy.
document.querySelectorAll(".aic-bars__bar[data-width]").forEach((bar) => {
    bar.style.width = `${bar.dataset.width}%`;
});
