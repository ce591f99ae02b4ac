/**
 * Remote ↔ NetSuite connector: stores Remote's invoice PDF in the File Cabinet and attaches it
 * to the vendor bill or credit. SuiteTalk REST cannot create File Cabinet files, so REST
 * connections send the PDFs here (deployment steps: the addon's README, "Invoice PDF on REST").
 *
 * GET  -> {"ok": true, "restlet": "rnc_attach", "version": 1}            (Test connection)
 * POST {"action": "store", "name", "folder", "content" (base64)}
 *      -> {"fileId"}                          the file of that name in that folder: created, or
 *                                             overwritten (same id), so a resent store is safe
 * POST {"action": "replace", "fileId", "content" (base64)}
 *      -> {"fileId"}                          same file, new content (a re-issued document)
 * POST {"action": "attach", "fileId", "recordType" ("vendorBill"|"vendorCredit"), "recordId"}
 *      -> {"attached": true}
 * Errors are thrown as N/error errors: NetSuite answers them as RESTlet errors with their code.
 *
 * @NApiVersion 2.1
 * @NScriptType Restlet
 * @NModuleScope SameAccount
 */
define(['N/error', 'N/file', 'N/record'], (error, file, record) => {
    const RECORD_TYPES = {
        vendorbill: record.Type.VENDOR_BILL,
        vendorcredit: record.Type.VENDOR_CREDIT,
    };

    const fail = (name, message) => {
        throw error.create({name: name, message: message, notifyOff: true});
    };

    const required = (body, ...names) => {
        names.forEach((name) => {
            if (body[name] === undefined || body[name] === null || body[name] === '') {
                fail('USER_ERROR', `Missing ${name}.`);
            }
        });
    };

    const store = (body) => {
        required(body, 'name', 'folder', 'content');
        const pdf = file.create({
            name: body.name,
            fileType: file.Type.PDF,
            contents: body.content,
            folder: Number(body.folder),
            isOnline: false,
        });
        const fileId = pdf.save();
        return {fileId: String(fileId)};
    };

    const replace = (body) => {
        required(body, 'fileId', 'content');
        const current = file.load({id: body.fileId});
        // Saving a file of the same name in the same folder overwrites it and keeps its id,
        // so every record it is attached to shows the new content.
        const pdf = file.create({
            name: current.name,
            fileType: file.Type.PDF,
            contents: body.content,
            folder: current.folder,
            isOnline: false,
        });
        return {fileId: String(pdf.save())};
    };

    const attach = (body) => {
        required(body, 'fileId', 'recordType', 'recordId');
        const type = RECORD_TYPES[String(body.recordType).toLowerCase()];
        if (!type) {
            fail('INVALID_RCRD_TYPE', `Cannot attach a file to a ${body.recordType}.`);
        }
        record.attach({
            record: {type: 'file', id: body.fileId},
            to: {type: type, id: body.recordId},
        });
        return {attached: true};
    };

    const ACTIONS = {store: store, replace: replace, attach: attach};

    return {
        get: () => ({ok: true, restlet: 'rnc_attach', version: 1}),
        post: (body) => {
            const action = ACTIONS[body && body.action];
            if (!action) {
                fail('USER_ERROR', 'Unknown action: use store, replace or attach.');
            }
            return action(body);
        },
    };
});
