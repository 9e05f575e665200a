// "All present" ticks a session's column; the editor still saves (and can untick first).
document.querySelectorAll(".aic-all-present").forEach((button) => {
    button.hidden = false;
    button.addEventListener("click", () => {
        document.querySelectorAll(`input[type="checkbox"][data-session="${button.dataset.session}"]:not(:disabled)`)
            .forEach((box) => { box.checked = true; });
    });
});
